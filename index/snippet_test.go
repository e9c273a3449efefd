package index

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestGlob(t *testing.T) {
	tests := []struct {
		p, s string
		want bool
	}{
		{"c?ng", "cong", true}, {"c?ng", "cng", false}, {"ng*i", "nguoi", true},
		{"ng*i", "nghi", true}, {"ng*i", "ngan", false}, {"a*b*c", "axxbyyc", true},
		{"a*", "a", true}, {"*", "", true}, {"đ?", "đa", true},
	}
	for _, tt := range tests {
		if got := glob(tt.p, tt.s); got != tt.want {
			t.Errorf("glob(%q, %q) = %v", tt.p, tt.s, got)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"doan", "doan", 1, 0}, {"dooan", "doan", 1, 1}, {"doan", "toan", 1, 1},
		{"doaan", "dan", 2, 2}, {"doan", "x", 1, 2}, {"đoàn", "doan", 2, 2},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

func TestRender(t *testing.T) {
	f := Fragment{Text: "a <b> c", Marks: []Span{{0, 1}, {2, 5}}}
	if got := f.Render("[", "]", nil); got != "[a] [<b>] c" {
		t.Errorf("Render = %q", got)
	}
	esc := strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace
	if got := f.Render("<mark>", "</mark>", esc); got != "<mark>a</mark> <mark>&lt;b&gt;</mark> c" {
		t.Errorf("Render escaped = %q", got)
	}
	// Marks out of range or overlapping are skipped, never a panic.
	f.Marks = []Span{{3, 2}, {0, 99}, {1, 2}, {0, 1}}
	if got := f.Render("[", "]", nil); got != "a[ ]<b> c" {
		t.Errorf("Render bad marks = %q", got)
	}
}

// FuzzSnippet: for any body and query, snippets never panic, are valid
// UTF-8 on one line, and their marks lie inside their text, in order.
func FuzzSnippet(f *testing.F) {
	f.Add("Công đoàn cơ sở trao 45 căn nhà Mái ấm Công đoàn.\n\nĐoàn viên vui.", `"mai am" doan*`)
	f.Add("x", "x~")
	f.Add("", "a")
	f.Fuzz(func(t *testing.T, body, q string) {
		p, err := parseText(q)
		if err != nil || !utf8.ValidString(body) {
			return
		}
		for _, fr := range p.snippet(body) {
			if !utf8.ValidString(fr.Text) || strings.ContainsAny(fr.Text, "\n\r") {
				t.Fatalf("snippet %q of %q", fr.Text, body)
			}
			at := 0
			for _, m := range fr.Marks {
				if m.Start < at || m.End > len(fr.Text) || m.Start >= m.End {
					t.Fatalf("mark %v in %q (body %q, query %q)", m, fr.Text, body, q)
				}
				at = m.End
			}
		}
		for _, m := range p.marks(body) {
			if m.End > len(nfc(body)) || m.Start >= m.End {
				t.Fatalf("title mark %v in %q", m, body)
			}
		}
	})
}
