package corpus

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// ErrOverflow is returned when a decimal does not fit in 64-bit arithmetic.
var ErrOverflow = errors.New("number too large")

// Decimal is an exact decimal number: Coef × 10^Exp. Vietnamese figures
// are parsed into digits and a scale ("90,74 triệu" = 9074 × 10^4), so
// that no value ever passes through float multiplication.
type Decimal struct {
	Coef int64
	Exp  int32
}

// NewDecimal returns coef × 10^exp in canonical form.
func NewDecimal(coef int64, exp int32) Decimal {
	return Decimal{Coef: coef, Exp: exp}.canonical()
}

// Int returns the integer n as a Decimal.
func Int(n int64) Decimal { return NewDecimal(n, 0) }

// canonical strips trailing zeros from the coefficient of a fraction and
// folds a positive exponent into the coefficient when it fits, so that equal
// values compare equal field by field.
func (d Decimal) canonical() Decimal {
	if d.Coef == 0 {
		return Decimal{}
	}
	for d.Exp < 0 && d.Coef%10 == 0 {
		d.Coef /= 10
		d.Exp++
	}
	for d.Exp > 0 {
		if d.Coef > math.MaxInt64/10 || d.Coef < math.MinInt64/10 {
			break
		}
		d.Coef *= 10
		d.Exp--
	}
	return d
}

// Shift multiplies d by 10^n exactly.
func (d Decimal) Shift(n int32) Decimal {
	return Decimal{Coef: d.Coef, Exp: d.Exp + n}.canonical()
}

// MulInt multiplies d by the integer m, reporting overflow.
func (d Decimal) MulInt(m int64) (Decimal, error) {
	if d.Coef == 0 || m == 0 {
		return Decimal{}, nil
	}
	p := d.Coef * m
	if p/m != d.Coef {
		return Decimal{}, ErrOverflow
	}
	return Decimal{Coef: p, Exp: d.Exp}.canonical(), nil
}

// Add returns d + e, reporting overflow.
func (d Decimal) Add(e Decimal) (Decimal, error) {
	if d.Coef == 0 {
		return e, nil
	}
	if e.Coef == 0 {
		return d, nil
	}
	a, b := d, e
	if a.Exp > b.Exp {
		a, b = b, a
	}
	// bring b to a's exponent
	for b.Exp > a.Exp {
		if b.Coef > math.MaxInt64/10 || b.Coef < math.MinInt64/10 {
			return Decimal{}, ErrOverflow
		}
		b.Coef *= 10
		b.Exp--
	}
	s := a.Coef + b.Coef
	if (a.Coef > 0 && b.Coef > 0 && s < 0) || (a.Coef < 0 && b.Coef < 0 && s >= 0) {
		return Decimal{}, ErrOverflow
	}
	return Decimal{Coef: s, Exp: a.Exp}.canonical(), nil
}

// Neg returns -d.
func (d Decimal) Neg() Decimal { return Decimal{Coef: -d.Coef, Exp: d.Exp} }

// IsZero reports whether d is 0.
func (d Decimal) IsZero() bool { return d.Coef == 0 }

// Cmp compares d and e: -1, 0 or +1.
func (d Decimal) Cmp(e Decimal) int { return d.rat().Cmp(e.rat()) }

func (d Decimal) rat() *big.Rat {
	r := new(big.Rat).SetInt64(d.Coef)
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs32(d.Exp))), nil)
	if d.Exp >= 0 {
		return r.Mul(r, new(big.Rat).SetInt(p))
	}
	return r.Quo(r, new(big.Rat).SetInt(p))
}

func abs32(x int32) int32 {
	if x < 0 {
		return -x
	}
	return x
}

// Float64 returns the nearest float64, for printing and ratios only.
func (d Decimal) Float64() float64 {
	f, _ := d.rat().Float64()
	return f
}

// Quo returns d / e rounded to the given number of decimal places, exactly
// (no float on the way). Division by zero gives zero.
func (d Decimal) Quo(e Decimal, places int) Decimal {
	if e.IsZero() {
		return Decimal{}
	}
	q, err := ParseDecimal(new(big.Rat).Quo(d.rat(), e.rat()).FloatString(places))
	if err != nil {
		return Decimal{}
	}
	return q
}

// IsInt reports whether d has no fractional part.
func (d Decimal) IsInt() bool { return d.Exp >= 0 }

// String prints d exactly in plain decimal notation ("1041000000", "106.4").
func (d Decimal) String() string {
	if d.Coef == 0 {
		return "0"
	}
	neg := d.Coef < 0
	digits := strconv.FormatInt(d.Coef, 10)
	if neg {
		digits = digits[1:]
	}
	var s string
	switch {
	case d.Exp >= 0:
		s = digits + strings.Repeat("0", int(d.Exp))
	default:
		n := int(-d.Exp)
		if len(digits) <= n {
			digits = strings.Repeat("0", n-len(digits)+1) + digits
		}
		s = digits[:len(digits)-n] + "." + digits[len(digits)-n:]
	}
	if neg {
		return "-" + s
	}
	return s
}

// ParseDecimal reads the plain form that String prints ("-12.5", "1041000").
func ParseDecimal(s string) (Decimal, error) {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return Decimal{}, errors.New("not a decimal: " + strconv.Quote(s))
	}
	neg := r.Sign() < 0
	r.Abs(r)
	var exp, exp2 int32
	ten := big.NewRat(10, 1)
	for !r.IsInt() {
		if exp < -18 {
			return Decimal{}, ErrOverflow
		}
		r.Mul(r, ten)
		exp--
	}
	n := new(big.Int).Set(r.Num())
	// A large integer with trailing zeros keeps them in the exponent
	// (2e19 is 2 × 10^19), as the parser's scales do.
	tenInt, rem := big.NewInt(10), new(big.Int)
	for !n.IsInt64() && exp == 0 {
		q, m := new(big.Int).QuoRem(n, tenInt, rem)
		if m.Sign() != 0 {
			break
		}
		n = q
		exp2++
	}
	if !n.IsInt64() {
		return Decimal{}, ErrOverflow
	}
	c := n.Int64()
	if neg {
		c = -c
	}
	return NewDecimal(c, exp+exp2), nil
}

// MarshalJSON writes d as an exact JSON number.
func (d Decimal) MarshalJSON() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalJSON reads a JSON number exactly (1.0 and 1 are the same value).
func (d *Decimal) UnmarshalJSON(b []byte) error {
	v, err := ParseDecimal(strings.TrimSpace(string(b)))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
