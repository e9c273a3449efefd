package corpus

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

func TestDecimalString(t *testing.T) {
	tests := []struct {
		d    Decimal
		want string
	}{
		{NewDecimal(1041, 6), "1041000000"},
		{NewDecimal(9074, -2).Shift(6), "90740000"},
		{NewDecimal(1064, -1), "106.4"},
		{NewDecimal(5, -3), "0.005"},
		{NewDecimal(-12, -1), "-1.2"},
		{Decimal{}, "0"},
		{NewDecimal(123, 18), "123000000000000000000"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%+v.String() = %s, want %s", tt.d, got, tt.want)
		}
	}
}

func TestDecimalExact(t *testing.T) {
	// 1,041 × 10^6 must be exactly 1041000, never a float product.
	d := NewDecimal(1041, -3).Shift(6)
	if d.String() != "1041000" || !d.IsInt() {
		t.Fatalf("1,041 triệu = %s", d)
	}
	sum, err := NewDecimal(1, -1).Add(NewDecimal(2, -1))
	if err != nil || sum.String() != "0.3" {
		t.Fatalf("0.1 + 0.2 = %s, %v", sum, err)
	}
	if _, err := Int(1 << 62).MulInt(4); err == nil {
		t.Fatal("overflow not reported")
	}
	if q := Int(4497).Quo(Int(3200), 12); q.String() != "1.4053125" {
		t.Fatalf("4497/3200 = %s", q)
	}
	if q := Int(16).Quo(Int(15), 12); q.String() != "1.066666666667" {
		t.Fatalf("16/15 = %s", q)
	}
	if NewDecimal(10, 0).Cmp(NewDecimal(1, 1)) != 0 {
		t.Fatal("10 and 1e1 differ")
	}
}

func TestDecimalJSONRoundTrip(t *testing.T) {
	for _, s := range []string{"1041000000", "106.4", "1.4053125", "0", "-3.5"} {
		var d Decimal
		if err := json.Unmarshal([]byte(s), &d); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		b, _ := json.Marshal(d)
		if string(b) != s {
			t.Errorf("round trip %s -> %s", s, b)
		}
	}
}

func TestArticleJSON(t *testing.T) {
	v := NewDecimal(2023, 0)
	a := Article{Source: "a.txt", Body: "nhiệm kỳ 2023", Figures: []Figure{{Kind: Period, Value: Value{Num: v}, Unit: "year", Min: &v, Max: &v}, {Kind: Date, Value: Value{Date: "--06-23"}, Unit: "date"}}}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{`"site":null`, `"title":null`, `"published":null`, `"author":null`, `"value":2023`, `"value":"--06-23"`, `"min":2023`, `"num":null`} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON %s lacks %s", s, want)
		}
	}
	var back Article
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Figures[1].Value.Date != "--06-23" || back.Figures[0].Value.Num.String() != "2023" || back.Site != "" {
		t.Errorf("round trip: %+v", back)
	}
}

// TestImports enforces corpus's rule (doc.go).
func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{join .Imports "\n"}}`, ".").Output()
	if err != nil {
		t.Skipf("go list not available: %v", err)
	}
	for _, imp := range strings.Fields(string(out)) {
		for _, f := range []string{"net/http", "github.com/blevesearch/bleve/v2", "github.com/PuerkitoBio/goquery"} {
			if imp == f || strings.HasPrefix(imp, f+"/") {
				t.Errorf("corpus imports %s", imp)
			}
		}
	}
}

func TestParseDecimalLargeInteger(t *testing.T) {
	d, err := ParseDecimal("20000000000000000000")
	if err != nil {
		t.Fatal(err)
	}
	if d.String() != "20000000000000000000" {
		t.Errorf("got %s", d)
	}
	if _, err := ParseDecimal("12345678901234567890123"); err == nil {
		t.Error("an integer past 64 bits without trailing zeros parsed")
	}
}
