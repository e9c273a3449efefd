package extract

import (
	"bytes"
	"fmt"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/japanese"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// Limits of the sniffing done by Decode. Everything after them is decoded
// but never inspected for statistics, so Decode stays linear in len(raw).
const (
	prescanLen = 4096      // <meta charset>, XML declaration, lang="vi"
	binaryLen  = 64 << 10  // control-byte ratio for binary detection
	sampleLen  = 256 << 10 // word statistics (charset guess, legacy fonts)
	segmentLen = 64 << 10  // longest run repaired as one piece
	nulLen     = 1024      // a NUL byte this close to the start means binary
)

// Decode turns document bytes into NFC text with LF line ends and no
// surrounding blank space. contentType is the declared HTTP Content-Type,
// if any (only its charset parameter is read).
//
// The second result records the path taken, as a base optionally followed
// by "+"-joined modifiers, in this order:
//
//	base      "utf-8"            the bytes are valid UTF-8 (wins over any declaration
//	                             but a 7-bit ISO-2022-JP one)
//	          "bom:utf-8", "bom:utf-16le", "bom:utf-16be"
//	                             a byte-order mark decided
//	          "header:LABEL"     charset of contentType, e.g. "header:windows-1258"
//	          "meta:LABEL"       <meta charset>, <meta http-equiv=content-type> or the
//	                             XML declaration in the first 4 KB, e.g. "meta:iso-8859-1"
//	          "guess:CHARSET"    nothing usable declared: "guess:utf-8" (mostly valid
//	                             UTF-8, bad bytes replaced by U+FFFD; beats a legacy
//	                             declaration, and is "header:utf-8"/"meta:utf-8"
//	                             when UTF-8 was declared),
//	                             "guess:windows-1258" (Vietnamese by word statistics or
//	                             lang="vi"), else "guess:windows-1252"
//	modifiers "nfc"              Unicode input that was not NFC (e.g. NFD) was normalised
//	          "tcvn3-repaired"   text written in the TCVN3 (ABC, VN3/VN1) font encoding
//	          "vni-repaired"     text written in the VNI font encoding
//
// LABEL is the declared charset label, lower-cased (decoding follows the
// WHATWG index, so "iso-8859-1" is read as windows-1252). When raw bytes
// without a usable declaration are recognised as TCVN3 or VNI they are read
// with that table directly and the path is the modifier alone
// ("tcvn3-repaired", "vni-repaired"); with a declaration it is kept as the
// base ("meta:iso-8859-1+tcvn3-repaired"). Unicode text that holds legacy
// font mojibake ("C«ng ®oµn", "Coâng ñoaøn") is repaired in place:
// "utf-8+tcvn3-repaired". Legacy fonts are told apart by counting the words
// that become valid Vietnamese syllables under each reading.
//
// Errors wrap ErrEmpty (nothing but blank space) or ErrBinary (known binary
// signature; outside BOM-marked UTF-16, a NUL byte in the first 1 KB or
// more than 1% of NULs in the first 64 KB; over 5% control bytes there). A
// few stray NULs further in are dropped.
// Invalid UTF-8 with no declared charset is not an error: it is guessed.
func Decode(raw []byte, contentType string) (text string, path string, err error) {
	switch {
	case bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")):
		raw = raw[3:]
		if err := checkBinary(raw); err != nil {
			return "", "", err
		}
		raw = dropNUL(raw)
		s := string(raw)
		if !utf8.Valid(raw) {
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		return decFinish(s, "bom:utf-8", true)
	case bytes.HasPrefix(raw, []byte("\xff\xfe")), bytes.HasPrefix(raw, []byte("\xfe\xff")):
		order, base := xunicode.LittleEndian, "bom:utf-16le"
		if raw[0] == 0xfe {
			order, base = xunicode.BigEndian, "bom:utf-16be"
		}
		out, derr := xunicode.UTF16(order, xunicode.IgnoreBOM).NewDecoder().Bytes(raw[2:])
		if derr != nil {
			return "", "", fmt.Errorf("%w (undecodable UTF-16: %v)", ErrBinary, derr)
		}
		if len(bytes.TrimSpace(out)) == 0 {
			return "", "", ErrEmpty
		}
		if nul := bytes.Count(out, []byte{0}); nul*100 > len(out) {
			return "", "", fmt.Errorf("%w (%d NUL characters in UTF-16 text)", ErrBinary, nul)
		}
		return decFinish(string(dropNUL(out)), base, true)
	}
	if err := checkBinary(raw); err != nil {
		return "", "", err
	}
	raw = dropNUL(raw)
	if utf8.Valid(raw) {
		if bytes.IndexByte(raw, 0x1b) >= 0 {
			// ISO-2022-JP is 7-bit, so valid UTF-8: trust its declaration.
			if label, enc, src := declaredCharset(raw, contentType); enc == japanese.ISO2022JP {
				if out, err := enc.NewDecoder().Bytes(raw); err == nil {
					return decFinish(string(out), src+":"+label, false)
				}
			}
		}
		return decFinish(string(raw), "utf-8", true)
	}
	return decodeLegacy(raw, contentType)
}

// checkBinary rejects empty and binary input.
func checkBinary(raw []byte) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		return ErrEmpty
	}
	for _, m := range binaryMagic {
		if bytes.HasPrefix(raw, []byte(m.sig)) {
			return fmt.Errorf("%w (%s signature)", ErrBinary, m.name)
		}
	}
	if len(raw) >= 12 && string(raw[:4]) == "RIFF" && string(raw[8:12]) == "WEBP" {
		return fmt.Errorf("%w (WebP signature)", ErrBinary)
	}
	if i := bytes.IndexByte(raw, 0); i >= 0 && i < nulLen {
		return fmt.Errorf("%w (NUL byte at offset %d)", ErrBinary, i)
	}
	head := raw
	if len(head) > binaryLen {
		head = head[:binaryLen]
	}
	ctl, nul := 0, 0
	for _, b := range head {
		if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v' && b != 0x1b) || b == 0x7f {
			ctl++
			if b == 0 {
				nul++
			}
		}
	}
	if nul*100 > len(head) {
		return fmt.Errorf("%w (%d NUL bytes in the first %d)", ErrBinary, nul, len(head))
	}
	if ctl*20 > len(head) {
		return fmt.Errorf("%w (%d control bytes in the first %d)", ErrBinary, ctl, len(head))
	}
	return nil
}

// dropNUL removes the stray NUL bytes checkBinary lets through (a few, far
// from the start: debris in an otherwise text page).
func dropNUL(raw []byte) []byte {
	if bytes.IndexByte(raw, 0) < 0 {
		return raw
	}
	return bytes.ReplaceAll(raw, []byte{0}, nil)
}

var binaryMagic = []struct{ sig, name string }{
	{"\x89PNG\r\n\x1a\n", "PNG"},
	{"%PDF-", "PDF"},
	{"PK\x03\x04", "ZIP"},
	{"PK\x05\x06", "ZIP"},
	{"PK\x07\x08", "ZIP"},
	{"\x1f\x8b", "gzip (decompress first)"},
	{"\xff\xd8\xff", "JPEG"},
	{"GIF87a", "GIF"},
	{"GIF89a", "GIF"},
	{"\xfd7zXZ\x00", "xz"},
	{"7z\xbc\xaf\x27\x1c", "7-Zip"},
	{"\x28\xb5\x2f\xfd", "zstd"},
	{"\x7fELF", "ELF"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 (MS Office)"},
	{"BZh91AY&SY", "bzip2"},
}

// decFinish normalises line ends, trims, applies NFC, and for Unicode input
// repairs legacy-font mojibake.
func decFinish(s, base string, fromUnicode bool) (string, string, error) {
	s = strings.TrimSpace(decLineEnds(s))
	if s == "" {
		return "", "", ErrEmpty
	}
	path := base
	n := nfc(s)
	if fromUnicode {
		if n != s {
			path += "+nfc"
		}
		if fixed, ok := repairDoubleUTF8(n); ok {
			n = strings.TrimSpace(nfc(fixed))
			path += "+double-encoding-repaired"
		}
		if kind := detectUnicode(n); kind != legacyNone {
			n = strings.TrimSpace(nfc(repairUnicode(n, kind)))
			path += "+" + kind.String() + "-repaired"
		}
	}
	if n == "" {
		return "", "", ErrEmpty
	}
	return n, path, nil
}

// decLineEnds turns CRLF and CR into LF.
func decLineEnds(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// decodeLegacy reads bytes that are not valid UTF-8.
func decodeLegacy(raw []byte, contentType string) (string, string, error) {
	label, enc, src := declaredCharset(raw, contentType)
	if mostlyUTF8(raw) {
		// UTF-8 with a few bad bytes (a truncated or patched page): like
		// valid UTF-8, it beats a legacy declaration.
		path := "guess:utf-8"
		if enc != nil && isUTFCharset(enc) {
			path = src + ":" + label
		}
		return decFinish(strings.ToValidUTF8(string(raw), "\uFFFD"), path, true)
	}
	if enc != nil && isUTFCharset(enc) {
		enc = nil // a wrong declaration: guess instead
	}
	if enc != nil && !latinCharset(enc) {
		if out, err := enc.NewDecoder().Bytes(raw); err == nil {
			return decFinish(string(out), src+":"+label, false)
		}
		enc = nil
	}

	// A Latin single-byte charset, declared or guessed: count words.
	sample := raw
	if len(sample) > sampleLen {
		sample = sample[:sampleLen]
	}
	st := scoreRaw(sample)

	var table *[256]rune
	asis := 0
	base := ""
	switch {
	case enc == charmap.Windows1258:
		table, asis, base = &dec1258, st.w1258, src+":"+label
	case enc != nil:
		table, asis, base = &dec1252, st.w1252, src+":"+label
	default:
		asis = max(st.w1252, st.w1258)
		vi := st.w1258 > st.w1252 && st.w1258vi > 0 &&
			(langVietnamese(raw) || (st.w1258vi >= 3 && 5*st.w1258vi >= st.n))
		if vi {
			table, base = &dec1258, "guess:windows-1258"
		} else {
			table, base = &dec1252, "guess:windows-1252"
		}
	}
	if kind := pickLegacy(st, asis); kind != legacyNone {
		path := kind.String() + "-repaired"
		if enc != nil {
			path = base + "+" + path
		}
		return decFinish(repairRaw(raw, kind), path, false)
	}
	var sb strings.Builder
	sb.Grow(len(raw) + len(raw)/4)
	for _, b := range raw {
		sb.WriteRune(table[b])
	}
	return decFinish(sb.String(), base, false)
}

// declaredCharset returns the charset declared by the Content-Type header, else by
// a <meta> or XML declaration in the first prescanLen bytes. Unknown labels
// are ignored.
func declaredCharset(raw []byte, contentType string) (label string, enc encoding.Encoding, src string) {
	if l := charsetParam(contentType); l != "" {
		if e := lookupCharset(l); e != nil {
			return l, e, "header"
		}
	}
	if l := prescanCharset(raw); l != "" {
		if e := lookupCharset(l); e != nil {
			return l, e, "meta"
		}
	}
	return "", nil, ""
}

// lookupCharset maps a label to an encoding by the WHATWG index; the
// "replacement" pseudo-encoding and unknown labels give nil.
func lookupCharset(label string) encoding.Encoding {
	e, err := htmlindex.Get(label)
	if err != nil || e == nil || e == encoding.Replacement {
		return nil
	}
	if e == charmap.XUserDefined {
		return charmap.Windows1252
	}
	return e
}

func isUTFCharset(e encoding.Encoding) bool {
	name, err := htmlindex.Name(e)
	return err == nil && (name == "utf-8" || strings.HasPrefix(name, "utf-16"))
}

// latinCharset reports whether a declared charset may hide a legacy font:
// pages in TCVN3 or VNI fonts declare Western or Vietnamese Windows pages.
func latinCharset(e encoding.Encoding) bool {
	return e == charmap.Windows1252 || e == charmap.Windows1258
}

// charsetParam extracts the charset parameter of a Content-Type value (or
// of a meta content attribute), lower-cased, without quotes.
func charsetParam(s string) string {
	if len(s) > 1024 {
		s = s[:1024]
	}
	low := strings.ToLower(s)
	i := strings.Index(low, "charset")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(low[i+len("charset"):], " \t")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " \t")
	if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
		q := rest[0]
		rest = rest[1:]
		if j := strings.IndexByte(rest, q); j >= 0 {
			rest = rest[:j]
		}
	}
	if j := strings.IndexAny(rest, "; \t\"'"); j >= 0 {
		rest = rest[:j]
	}
	if len(rest) > 40 {
		return ""
	}
	return rest
}

// prescanCharset finds the charset label of an XML declaration or of the first
// <meta> that declares one, in the first prescanLen bytes.
func prescanCharset(raw []byte) string {
	b := raw
	if len(b) > prescanLen {
		b = b[:prescanLen]
	}
	if t := bytes.TrimLeft(b, " \t\r\n"); bytes.HasPrefix(t, []byte("<?xml")) {
		end := bytes.IndexByte(t, '>')
		if end < 0 {
			end = len(t)
		}
		decl := string(t[:end])
		if j := strings.Index(decl, "encoding"); j >= 0 {
			rest := strings.TrimLeft(decl[j+len("encoding"):], " \t\r\n")
			if strings.HasPrefix(rest, "=") {
				rest = strings.TrimLeft(rest[1:], " \t\r\n")
				if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
					q := rest[0]
					rest = rest[1:]
					if k := strings.IndexByte(rest, q); k >= 0 && k <= 40 {
						return strings.ToLower(strings.TrimSpace(rest[:k]))
					}
				}
			}
		}
	}
	for i := 0; i < len(b); {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			break
		}
		i += j
		if bytes.HasPrefix(b[i:], []byte("<!--")) {
			k := bytes.Index(b[i+4:], []byte("-->"))
			if k < 0 {
				break
			}
			i += 4 + k + 3
			continue
		}
		if i+6 <= len(b) && decASCIIFold(b[i+1:i+5], "meta") && decAttrSpace(b[i+5]) {
			attrs, end := decParseAttrs(b, i+5)
			if l := metaCharset(attrs); l != "" {
				return l
			}
			i = end
			continue
		}
		i++
	}
	return ""
}

func decASCIIFold(b []byte, lower string) bool {
	if len(b) != len(lower) {
		return false
	}
	for i := range b {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

func decAttrSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/'
}

type decAttr struct{ name, val string }

// decParseAttrs reads the attributes of a tag from b[i:] up to its '>', and
// returns them with the index after the tag. At most 32 are kept.
func decParseAttrs(b []byte, i int) ([]decAttr, int) {
	var out []decAttr
	for i < len(b) {
		for i < len(b) && decAttrSpace(b[i]) {
			i++
		}
		if i >= len(b) || b[i] == '>' {
			return out, i + 1
		}
		start := i
		for i < len(b) && !decAttrSpace(b[i]) && b[i] != '=' && b[i] != '>' {
			i++
		}
		name := strings.ToLower(string(b[start:i]))
		for i < len(b) && decAttrSpace(b[i]) && b[i] != '/' {
			i++
		}
		val := ""
		if i < len(b) && b[i] == '=' {
			i++
			for i < len(b) && decAttrSpace(b[i]) && b[i] != '/' {
				i++
			}
			if i < len(b) && (b[i] == '"' || b[i] == '\'') {
				q := b[i]
				i++
				vs := i
				for i < len(b) && b[i] != q {
					i++
				}
				val = string(b[vs:i])
				if i < len(b) {
					i++
				}
			} else {
				vs := i
				for i < len(b) && b[i] != ' ' && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' && b[i] != '>' {
					i++
				}
				val = string(b[vs:i])
			}
		}
		if len(out) < 32 {
			out = append(out, decAttr{name, val})
		}
	}
	return out, i
}

func metaCharset(attrs []decAttr) string {
	pragma, content := false, ""
	for _, a := range attrs {
		switch a.name {
		case "charset":
			if l := strings.ToLower(strings.Trim(strings.TrimSpace(a.val), "\"'")); l != "" && len(l) <= 40 {
				return l
			}
		case "http-equiv":
			pragma = strings.EqualFold(strings.TrimSpace(a.val), "content-type")
		case "content":
			content = a.val
		}
	}
	if pragma {
		return charsetParam(content)
	}
	return ""
}

// langVietnamese reports a lang="vi" (or Content-Language vi) hint in the
// first bytes.
func langVietnamese(raw []byte) bool {
	b := raw
	if len(b) > prescanLen {
		b = b[:prescanLen]
	}
	low := bytes.ToLower(b)
	for _, p := range []string{`lang="vi`, `lang='vi`, `lang=vi`, `content="vi"`, `content="vi-`} {
		if bytes.Contains(low, []byte(p)) {
			return true
		}
	}
	return false
}

// mostlyUTF8 reports whether raw is UTF-8 with a few bad bytes: at least
// one multi-byte sequence and at most one bad byte per ten of them.
func mostlyUTF8(raw []byte) bool {
	multi, bad := 0, 0
	for i := 0; i < len(raw); {
		if raw[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && n <= 1 {
			bad++
			i++
			continue
		}
		multi++
		i += n
	}
	return multi > 0 && bad*10 <= multi
}

// ---------------------------------------------------------------------
// Legacy Vietnamese font encodings.

type legacyKind int

const (
	legacyNone legacyKind = iota
	legacyTCVN3
	legacyVNI
)

func (k legacyKind) String() string {
	switch k {
	case legacyTCVN3:
		return "tcvn3"
	case legacyVNI:
		return "vni"
	}
	return "none"
}

// decUnit is one character of a text seen two ways: b is the byte it stands
// for in a single-byte reading (the raw byte, or the windows-1252/latin-1
// byte that decodes to r), or -1 when r has no such byte; r is the
// character as it reads now.
type decUnit struct {
	b int16
	r rune
}

var (
	dec1252  [256]rune
	dec1258  [256]rune
	tcvnRune [256]rune
)

func init() {
	for i := 0; i < 256; i++ {
		dec1252[i] = charmap.Windows1252.DecodeByte(byte(i))
		dec1258[i] = charmap.Windows1258.DecodeByte(byte(i))
		tcvnRune[i] = rune(i)
	}
	for i, r := range tcvnHigh {
		tcvnRune[0x80+i] = r
	}
	for b, r := range tcvnC0 {
		tcvnRune[b] = r
	}
}

// tcvnHigh is TCVN 5712:1993 (VN1, as in glibc's TCVN5712-1) from 0x80 to
// 0xFF. TCVN3 "ABC" fonts (VN3) use the same codes without the upper-case
// toned letters (0x80-0x9F, 0xAF, 0xBA, 0xBF-0xC5, 0xCD, 0xD9, 0xDA, 0xDB,
// 0xE0, 0xF0, 0xFF); 0xB0-0xB4 are combining tone marks.
var tcvnHigh = [128]rune{
	// 0x80
	'À', 'Ả', 'Ã', 'Á', 'Ạ', 'Ặ', 'Ậ', 'È', 'Ẻ', 'Ẽ', 'É', 'Ẹ', 'Ệ', 'Ì', 'Ỉ', 'Ĩ',
	// 0x90
	'Í', 'Ị', 'Ò', 'Ỏ', 'Õ', 'Ó', 'Ọ', 'Ộ', 'Ờ', 'Ở', 'Ỡ', 'Ớ', 'Ợ', 'Ù', 'Ủ', 'Ũ',
	// 0xA0
	'\u00a0', 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Ằ',
	// 0xB0
	'\u0300', '\u0309', '\u0303', '\u0301', '\u0323', 'à', 'ả', 'ã', 'á', 'ạ', 'Ẳ', 'ằ', 'ẳ', 'ẵ', 'ắ', 'Ẵ',
	// 0xC0
	'Ắ', 'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ề', 'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', 'Ể', 'ẻ', 'ẽ',
	// 0xD0
	'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', 'Ễ', 'Ế', 'Ồ', 'ĩ', 'í', 'ị', 'ò',
	// 0xE0
	'Ổ', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù',
	// 0xF0
	'Ỗ', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', 'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', 'Ố',
}

// tcvnC0 are the upper-case letters VN1 puts among the C0 controls.
var tcvnC0 = map[int]rune{
	0x01: 'Ú', 0x02: 'Ụ', 0x04: 'Ừ', 0x05: 'Ử', 0x06: 'Ữ', 0x11: 'Ứ',
	0x12: 'Ự', 0x13: 'Ỳ', 0x14: 'Ỷ', 0x15: 'Ỹ', 0x16: 'Ý', 0x17: 'Ỵ',
}

// VNI (VNI-Windows fonts) writes a letter as an ASCII base followed by a
// diacritic byte; ơ ư đ and the toned i, y are single bytes. Lower-case
// codes are listed; upper-case ones are 0x20 lower.
const (
	vniNeedVowel = iota // a tone: any vowel without a tone
	vniNeedACE          // a circumflex (with or without tone): a, e, o
	vniNeedA            // a breve (with or without tone): a
)

type vniMark struct {
	comb string
	need int
}

var vniMarks = map[byte]vniMark{
	0xf9: {"\u0301", vniNeedVowel}, 0xf8: {"\u0300", vniNeedVowel}, 0xfb: {"\u0309", vniNeedVowel},
	0xf5: {"\u0303", vniNeedVowel}, 0xef: {"\u0323", vniNeedVowel},
	0xe2: {"\u0302", vniNeedACE}, 0xe1: {"\u0302\u0301", vniNeedACE}, 0xe0: {"\u0302\u0300", vniNeedACE},
	0xe5: {"\u0302\u0309", vniNeedACE}, 0xe3: {"\u0302\u0303", vniNeedACE}, 0xe4: {"\u0302\u0323", vniNeedACE},
	0xea: {"\u0306", vniNeedA}, 0xe9: {"\u0306\u0301", vniNeedA}, 0xe8: {"\u0306\u0300", vniNeedA},
	0xfa: {"\u0306\u0309", vniNeedA}, 0xfc: {"\u0306\u0303", vniNeedA}, 0xeb: {"\u0306\u0323", vniNeedA},
}

var vniLetters = map[byte]rune{
	0xf4: 'ơ', 0xd4: 'Ơ', 0xf6: 'ư', 0xd6: 'Ư', 0xf1: 'đ', 0xd1: 'Đ',
	0xed: 'í', 0xcd: 'Í', 0xec: 'ì', 0xcc: 'Ì', 0xe6: 'ỉ', 0xc6: 'Ỉ',
	0xf3: 'ĩ', 0xd3: 'Ĩ', 0xf2: 'ị', 0xd2: 'Ị', 0xee: 'ỵ', 0xce: 'Ỵ',
}

// vniMarkOf returns the mark a byte stands for, lower or upper case.
func vniMarkOf(b byte) (vniMark, bool) {
	if m, ok := vniMarks[b]; ok {
		return m, true
	}
	if b >= 0xc0 && b < 0xe0 {
		m, ok := vniMarks[b+0x20]
		return m, ok
	}
	return vniMark{}, false
}

// vniState tracks the vowel a following VNI mark may attach to.
type vniState struct {
	base    rune // lower-case base vowel (a e i o u y ơ ư), 0 if none
	hasMod  bool // circumflex or breve applied
	hasTone bool
}

// write appends the Unicode for one unit of VNI text and reports
// whether it changed the character.
func (st *vniState) write(sb *strings.Builder, u decUnit) bool {
	if u.b < 0x80 { // ASCII or not a single byte
		sb.WriteRune(u.r)
		st.base, st.hasMod, st.hasTone = 0, false, false
		if u.b >= 0 {
			switch c := byte(u.b) | 0x20; c {
			case 'a', 'e', 'i', 'o', 'u', 'y':
				st.base = rune(c)
			}
		}
		return false
	}
	b := byte(u.b)
	if r, ok := vniLetters[b]; ok {
		sb.WriteRune(r)
		lr := unicode.ToLower(r)
		st.base, st.hasMod, st.hasTone = lr, false, false
		switch lr {
		case 'ơ', 'ư':
		case 'đ':
			st.base = 0
		default: // toned i, y
			st.hasTone = true
		}
		return true
	}
	if m, ok := vniMarkOf(b); ok && st.base != 0 && !st.hasTone {
		okBase := false
		switch m.need {
		case vniNeedVowel:
			okBase = true
		case vniNeedACE:
			okBase = !st.hasMod && (st.base == 'a' || st.base == 'e' || st.base == 'o')
		case vniNeedA:
			okBase = !st.hasMod && st.base == 'a'
		}
		if okBase {
			sb.WriteString(m.comb)
			if m.need != vniNeedVowel {
				st.hasMod = true
			}
			if m.need == vniNeedVowel || len(m.comb) > 2 {
				st.hasTone = true
			}
			return true
		}
	}
	sb.WriteRune(u.r)
	st.base, st.hasMod, st.hasTone = 0, false, false
	return false
}

// cp1252QuoteLike are windows-1252 punctuation bytes (… ‹ ‘ ’ “ ” – — ›) that
// VN1 uses for letters: they count as letters only between two letters.
func cp1252QuoteLike(b int16) bool {
	switch b {
	case 0x85, 0x8b, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x9b:
		return true
	}
	return false
}

// decLetter: an ASCII letter, a TCVN3 letter byte, or a letter or mark
// that has no single-byte reading.
func decLetter(u decUnit) bool {
	switch {
	case u.b < 0:
		return unicode.IsLetter(u.r) || unicode.Is(unicode.Mn, u.r)
	case u.b < 0x80:
		c := byte(u.b) | 0x20
		return 'a' <= c && c <= 'z'
	default:
		return u.b >= 0xa1
	}
}

// decWordUnit reports whether us[i] is part of a word under a single-byte
// reading. Bytes 0x80-0x9F join words only next to letters.
func decWordUnit(us []decUnit, i int) bool {
	u := us[i]
	if u.b < 0x80 || u.b >= 0xa0 {
		return decLetter(u)
	}
	prev := i > 0 && decLetter(us[i-1])
	next := i+1 < len(us) && decLetter(us[i+1])
	if cp1252QuoteLike(u.b) {
		return prev && next
	}
	return prev || next
}

type decWordStats struct {
	n            int // words with a non-ASCII character
	asis         int // of them, valid Vietnamese syllables as the text reads
	w1252, w1258 int // ... read as windows-1252 / windows-1258 (raw bytes)
	w1258vi      int // ... read as windows-1258, with a letter or tone windows-1252 lacks
	tcvn, vni    int // ... repaired from TCVN3 / VNI (and changed by it)
	// The high bytes seen in the words valid as TCVN3 / VNI: real legacy
	// text uses many, a language that only happens to fit (Norwegian
	// "på", "så", "må") a few.
	tcvnBytes, vniBytes byteSet
}

type byteSet [4]uint64

func (s *byteSet) addHigh(w []decUnit) {
	for _, u := range w {
		if u.b >= 0x80 {
			s[u.b>>6] |= 1 << (u.b & 63)
		}
	}
}

func (s *byteSet) count() int {
	n := 0
	for _, x := range s {
		n += bits.OnesCount64(x)
	}
	return n
}

// add counts, over the words of the chunk us, those that are valid
// Vietnamese syllables under each reading. raw says the units are raw
// bytes. sb is scratch space.
func (st *decWordStats) add(us []decUnit, raw bool, sb *strings.Builder) {
	for i := 0; i < len(us); {
		if !decWordUnit(us, i) {
			i++
			continue
		}
		j := i
		high := false
		single := true
		for j < len(us) && decWordUnit(us, j) {
			if us[j].b < 0 || us[j].b >= 0x80 {
				high = true
			}
			if us[j].b < 0 {
				single = false
			}
			j++
		}
		w := us[i:j]
		i = j
		if !high || (len(w) == 1 && !unicode.IsLetter(w[0].r)) {
			continue
		}
		st.n++
		if len(w) > 10 { // longer than any syllable ("nghiêng" + marks)
			continue
		}
		if raw {
			if validSyllable(decTableWord(sb, w, &dec1252)) {
				st.w1252++
			}
			if w := decTableWord(sb, w, &dec1258); validSyllable(w) {
				st.w1258++
				if strings.IndexFunc(w, vietnameseOnly1258) >= 0 {
					st.w1258vi++
				}
			}
		} else {
			sb.Reset()
			for _, u := range w {
				sb.WriteRune(u.r)
			}
			if validSyllable(sb.String()) {
				st.asis++
			}
		}
		if !single {
			continue
		}
		if validSyllable(decTableWord(sb, w, &tcvnRune)) {
			st.tcvn++
			st.tcvnBytes.addHigh(w)
		}
		sb.Reset()
		var vs vniState
		changed := false
		for _, u := range w {
			if vs.write(sb, u) {
				changed = true
			}
		}
		if changed && validSyllable(sb.String()) {
			st.vni++
			st.vniBytes.addHigh(w)
		}
	}
}

// scoreRaw scores raw bytes: only the chunks of ASCII letters and high
// bytes that hold a high byte are looked at.
func scoreRaw(b []byte) decWordStats {
	var st decWordStats
	var sb strings.Builder
	var us []decUnit
	for i := 0; i < len(b); {
		if b[i] < 0x80 {
			i++
			continue
		}
		start := i
		for start > 0 && asciiLetter(b[start-1]) {
			start--
		}
		end := i
		for end < len(b) && (b[end] >= 0x80 || asciiLetter(b[end])) {
			end++
		}
		us = us[:0]
		for _, c := range b[start:end] {
			us = append(us, decUnit{b: int16(c), r: dec1252[c]})
		}
		st.add(us, true, &sb)
		i = end
	}
	return st
}

// scoreText scores Unicode text read back through windows-1252.
func scoreText(s string) decWordStats {
	var st decWordStats
	var sb strings.Builder
	var us []decUnit
	for i := 0; i < len(s); {
		if s[i] < 0x80 {
			i++
			continue
		}
		start := i
		for start > 0 && asciiLetter(s[start-1]) {
			start--
		}
		end := i
		for end < len(s) && (s[end] >= 0x80 || asciiLetter(s[end])) {
			end++
		}
		us = decToUnits(us, s[start:end])
		st.add(us, false, &sb)
		i = end
	}
	return st
}

func asciiLetter(c byte) bool {
	c |= 0x20
	return 'a' <= c && c <= 'z'
}

func decTableWord(sb *strings.Builder, w []decUnit, t *[256]rune) string {
	sb.Reset()
	for _, u := range w {
		if u.b < 0 {
			sb.WriteRune(u.r)
		} else {
			sb.WriteRune(t[u.b])
		}
	}
	return sb.String()
}

// pickLegacy decides from word counts whether the text is a legacy font:
// at least 3 valid words, half of all non-ASCII words, three times the
// words valid as the text reads, more than the other legacy reading, and
// using at least 5 different high bytes.
func pickLegacy(st decWordStats, asis int) legacyKind {
	best, kind, distinct := st.tcvn, legacyTCVN3, st.tcvnBytes.count()
	if st.vni > st.tcvn {
		best, kind, distinct = st.vni, legacyVNI, st.vniBytes.count()
	} else if st.vni == st.tcvn {
		return legacyNone
	}
	if best < 3 || 2*best < st.n || best < 3*asis || distinct < 5 {
		return legacyNone
	}
	return kind
}

// decToUnits turns Unicode text into units through windows-1252 (latin-1 for
// the C1 range).
func decToUnits(dst []decUnit, s string) []decUnit {
	dst = dst[:0]
	for _, r := range s {
		b := int16(-1)
		if r < 0x100 {
			b = int16(r)
		} else if c, ok := charmap.Windows1252.EncodeRune(r); ok {
			b = int16(c)
		}
		dst = append(dst, decUnit{b: b, r: r})
	}
	return dst
}

// detectUnicode looks for legacy-font mojibake in (NFC) Unicode text.
func detectUnicode(s string) legacyKind {
	if len(s) > sampleLen {
		cut := sampleLen
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	// Fast exits: no character of the Latin-1 / windows-1252 upper half,
	// or plenty of Vietnamese letters that legacy-font mojibake cannot
	// contain (ơ ư đ ạ ấ ...: everything outside Latin-1). Real Unicode
	// Vietnamese has at least half as many of those as of Latin-1's à á
	// ô ê; TCVN3 or VNI read as Latin-1 has none. Scoring every word is
	// costly, and most pages are plain Unicode.
	latin1, genuine := 0, 0
	for _, r := range s {
		switch {
		case r >= 0x80 && r < 0x100:
			latin1++
		case genuineVietnamese(r):
			genuine++
		}
	}
	if latin1 == 0 || (genuine >= 20 && 2*genuine >= latin1) {
		return legacyNone
	}
	st := scoreText(s)
	return pickLegacy(st, st.asis)
}

// vietnameseOnly1258 reports a character windows-1258 has for Vietnamese
// and windows-1252 lacks: ă đ ơ ư and the combining tone marks.
func vietnameseOnly1258(r rune) bool {
	switch r {
	case 'ă', 'Ă', 'đ', 'Đ', 'ơ', 'Ơ', 'ư', 'Ư', 0x300, 0x301, 0x303, 0x309, 0x323:
		return true
	}
	return false
}

// genuineVietnamese reports a character that legacy-font mojibake cannot
// contain: a Vietnamese letter outside Latin-1, or a combining tone mark.
func genuineVietnamese(r rune) bool {
	switch r {
	case 'Ă', 'ă', 'Đ', 'đ', 'Ĩ', 'ĩ', 'Ũ', 'ũ', 'Ơ', 'ơ', 'Ư', 'ư':
		return true
	}
	return (r >= 0x1ea0 && r <= 0x1ef9) || (r >= 0x300 && r <= 0x323)
}

// decSegments calls f on the pieces of s between line breaks and markup
// brackets (each piece ends with its delimiter), cut at a space when longer
// than segmentLen.
func decSegments(s string, f func(seg string)) {
	for s != "" {
		end := len(s)
		if i := strings.IndexAny(s[:min(len(s), segmentLen+1)], "\n<>"); i >= 0 {
			end = i + 1
		}
		if end > segmentLen {
			end = segmentLen
			if i := strings.IndexByte(s[segmentLen:], ' '); i >= 0 {
				end += i + 1
			} else {
				end = len(s)
			}
		}
		f(s[:end])
		s = s[end:]
	}
}

// repairUnicode rewrites legacy-font mojibake in s; pieces that hold
// genuine Vietnamese Unicode are kept.
func repairUnicode(s string, kind legacyKind) string {
	var sb strings.Builder
	sb.Grow(len(s) + len(s)/4)
	var us []decUnit
	decSegments(s, func(seg string) {
		if strings.IndexFunc(seg, genuineVietnamese) >= 0 {
			sb.WriteString(seg)
			return
		}
		us = decToUnits(us, seg)
		repairUnits(&sb, us, kind)
	})
	return sb.String()
}

// repairRaw decodes raw bytes with a legacy table.
func repairRaw(raw []byte, kind legacyKind) string {
	var sb strings.Builder
	sb.Grow(len(raw) + len(raw)/2)
	var us []decUnit
	for len(raw) > 0 {
		end := len(raw)
		if i := bytes.IndexAny(raw[:min(len(raw), segmentLen+1)], "\n<>"); i >= 0 {
			end = i + 1
		}
		if end > segmentLen {
			end = segmentLen
			if i := bytes.IndexByte(raw[segmentLen:], ' '); i >= 0 {
				end += i + 1
			} else {
				end = len(raw)
			}
		}
		us = us[:0]
		for _, b := range raw[:end] {
			us = append(us, decUnit{b: int16(b), r: dec1252[b]})
		}
		repairUnits(&sb, us, kind)
		raw = raw[end:]
	}
	return sb.String()
}

// repairUnits writes the Unicode for units read in a legacy font.
func repairUnits(sb *strings.Builder, us []decUnit, kind legacyKind) {
	if kind == legacyVNI {
		var st vniState
		for _, u := range us {
			st.write(sb, u)
		}
		return
	}
	var word strings.Builder
	for i := 0; i < len(us); {
		if !decWordUnit(us, i) {
			u := us[i]
			if _, ok := tcvnC0[int(u.b)]; ok && u.b >= 0 &&
				((i > 0 && decLetter(us[i-1])) || (i+1 < len(us) && decLetter(us[i+1]))) {
				sb.WriteRune(tcvnRune[u.b])
			} else {
				sb.WriteRune(u.r)
			}
			i++
			continue
		}
		j := i
		upper, lower := 0, 0
		for j < len(us) && decWordUnit(us, j) {
			if b := us[j].b; b >= 0 && b < 0x80 {
				if b >= 'A' && b <= 'Z' {
					upper++
				} else {
					lower++
				}
			}
			j++
		}
		w := decTableWord(&word, us[i:j], &tcvnRune)
		if upper >= 2 && lower == 0 {
			// Capitals were set in the upper-case font with lower-case codes.
			w = strings.ToUpper(w)
		}
		sb.WriteString(w)
		i = j
	}
}

// ---------------------------------------------------------------------
// Vietnamese syllables.

var viOnsets = []string{"ngh", "ng", "gh", "gi", "kh", "nh", "ph", "qu", "th", "tr", "ch",
	"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""}

var viRhymes = func() map[string]bool {
	m := map[string]bool{}
	for _, r := range strings.Fields(`
		a e ê i o ô ơ u ư y ai ao au âu ay ây eo êu ia iu iêu yêu oa oai oay oao
		oe oeo oi ôi ơi ua uê ui uy uya uyu uơ uôi ưa ưi ưu ươi ươu uây
		ac ach am an ang anh ap at ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât
		ec em en eng ep et êch êm ên ênh êp êt ich im in inh ip it
		oc om on ong op ot ôc ôm ôn ông ôp ôt ơm ơn ơp ơt
		uc um un ung up ut ưc ưm ưn ưng ưt
		iêc iêm iên iêng iêp iêt yêm yên yêt
		oac oach oam oan oang oanh oap oat oăc oăm oăn oăng oăt oem oen oet ooc oong
		uân uâng uât uêch uênh uôc uôm uôn uông uôt ươc ươm ươn ương ươp ươt
		uych uyn uynh uyp uyt uyên uyêt`) {
		m[r] = true
	}
	return m
}()

// validSyllable reports whether w (any case, any normalisation) is one
// well-formed Vietnamese syllable: onset, rhyme, at most one tone, and
// only sắc or nặng on a rhyme closed by c, ch, p or t.
func validSyllable(w string) bool {
	w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) })
	if w == "" || len(w) > 40 {
		return false
	}
	var buf [12]rune
	sk := buf[:0]
	tones := 0
	var tone rune
	for _, r := range norm.NFD.String(w) {
		r = unicode.ToLower(r)
		switch r {
		case 0x300, 0x301, 0x303, 0x309, 0x323:
			tones++
			tone = r
			continue
		case 0x302, 0x306, 0x31b:
			if len(sk) == 0 {
				return false
			}
			last := &sk[len(sk)-1]
			switch {
			case r == 0x302 && *last == 'a':
				*last = 'â'
			case r == 0x302 && *last == 'e':
				*last = 'ê'
			case r == 0x302 && *last == 'o':
				*last = 'ô'
			case r == 0x306 && *last == 'a':
				*last = 'ă'
			case r == 0x31b && *last == 'o':
				*last = 'ơ'
			case r == 0x31b && *last == 'u':
				*last = 'ư'
			default:
				return false
			}
			continue
		}
		if !(r >= 'a' && r <= 'z') && r != 'đ' {
			return false
		}
		if len(sk) == cap(buf) {
			return false
		}
		sk = append(sk, r)
	}
	if tones > 1 || len(sk) == 0 {
		return false
	}
	s := string(sk)
	for _, on := range viOnsets {
		if !strings.HasPrefix(s, on) {
			continue
		}
		rest := s[len(on):]
		if !viRhymes[rest] {
			continue
		}
		first, _ := utf8.DecodeRuneInString(rest)
		front := first == 'e' || first == 'ê' || first == 'i' || first == 'y'
		switch on {
		case "c":
			if front {
				continue
			}
		case "k", "gh", "ngh":
			if !front {
				continue
			}
		}
		if strings.HasSuffix(rest, "c") || strings.HasSuffix(rest, "ch") ||
			strings.HasSuffix(rest, "p") || strings.HasSuffix(rest, "t") {
			if tone != 0x301 && tone != 0x323 {
				continue
			}
		}
		return true
	}
	return false
}
