package extract

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// doubleEncode reproduces the corruption: UTF-8 bytes read as Latin-1
// and written out as UTF-8 again.
func doubleEncode(t *testing.T, s string) string {
	t.Helper()
	out, err := charmap.ISO8859_1.NewDecoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRepairDoubleUTF8(t *testing.T) {
	vi := "Báo Lao Động: công đoàn huyện kết nạp mới 1.245 đoàn viên, đạt 103,5% chỉ tiêu."
	got, ok := repairDoubleUTF8(doubleEncode(t, vi))
	if !ok || got != vi {
		t.Errorf("repair = %q, %v; want %q", got, ok, vi)
	}
	// Text that only looks like it: genuine Latin-1 letters, a lone
	// "Ã©", and proper Vietnamese stay as they are.
	for _, s := range []string{
		"Café crème, Müller et Ångström à Zürich, façade señor.",
		"Prix: 5 € — voilà Ã© seul.",
		vi,
	} {
		if got, ok := repairDoubleUTF8(s); ok || got != s {
			t.Errorf("repairDoubleUTF8(%q) changed it to %q", s, got)
		}
	}
}

func TestDecodeDoubleEncodedPage(t *testing.T) {
	page := "<html><head><title>" + doubleEncode(t, "Lao Động - Tin tức mới nhất") + "</title></head></html>"
	text, path, err := Decode([]byte(page), "")
	if err != nil || !strings.Contains(text, "Lao Động - Tin tức mới nhất") || !strings.Contains(path, "double-encoding-repaired") {
		t.Errorf("Decode = %q, %q, %v", text, path, err)
	}
}

// TestMojibakeByteCoversCP1252: the range check in mojibakeByte lets every
// windows-1252 character through, and no Vietnamese letter.
func TestMojibakeByteCoversCP1252(t *testing.T) {
	for r, want := range cp1252High {
		if b, ok := mojibakeByte(r); !ok || b != want {
			t.Errorf("mojibakeByte(%q) = %#x, %v; want %#x", r, b, ok, want)
		}
	}
	for _, r := range "ăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĂĐƠƯ" {
		if _, ok := mojibakeByte(r); ok {
			t.Errorf("mojibakeByte(%q) took a Vietnamese letter for a byte", r)
		}
	}
}
