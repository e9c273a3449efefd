package index

import (
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Công Đoàn", "cong doan"},
		{"Mái ấm Công đoàn", "mai am cong doan"},
		{"Uỷ ban", "uy ban"},
		{"Ủy ban", "uy ban"},
		{"hoà hòa", "hoa hoa"},
		{"ĐƯỜNG Dương", "duong duong"},
		{"Nguyễn Thị Ỷ", "nguyen thi y"},
		{norm.NFD.String("Người lao động"), "nguoi lao dong"},
		{"TP.HCM: 100%", "tp.hcm: 100%"},
		{"cong doan", "cong doan"},
		{"Café Ærø", "cafe ærø"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlaceTone(t *testing.T) {
	tests := []struct{ in, want string }{
		// old and new placement meet
		{"uỷ", "ủy"}, {"ủy", "ủy"},
		{"hoà", "hòa"}, {"hòa", "hòa"},
		{"thuỷ", "thủy"}, {"khoẻ", "khỏe"}, {"khỏe", "khỏe"},
		{"Uỷ", "ủy"},
		// quality marks take the tone
		{"người", "người"}, {"được", "được"}, {"đường", "đường"},
		{"cuối", "cuối"}, {"tuấn", "tuấn"}, {"thuyết", "thuyết"},
		// closed syllables: the last vowel
		{"hoàn", "hoàn"}, {"toán", "toán"}, {"huỳnh", "huỳnh"}, {"hoạch", "hoạch"},
		// three vowels: the middle one
		{"ngoài", "ngoài"}, {"khuỷu", "khuỷu"}, {"ngoáy", "ngoáy"},
		// qu, gi are consonants before a vowel
		{"quý", "quý"}, {"quà", "quà"}, {"giá", "giá"}, {"gìn", "gìn"}, {"giữa", "giữa"},
		// open two-vowel syllables: the first
		{"mùa", "mùa"}, {"tía", "tía"}, {"mái", "mái"},
		// not a Vietnamese syllable, or no tone: unchanged (lower case)
		{"café", "café"}, {"cong", "cong"}, {"2021", "2021"}, {"ÁO", "áo"},
	}
	for _, tt := range tests {
		if got := placeTone(tt.in); got != tt.want {
			t.Errorf("placeTone(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTerms(t *testing.T) {
	tests := []struct {
		in            string
		folded, exact []string
	}{
		{"Công đoàn", []string{"cong", "doan"}, []string{"công", "đoàn"}},
		{"Uỷ ban TP.HCM", []string{"uy", "ban", "tp", "hcm"}, []string{"ủy", "ban", "tp", "hcm"}},
		{"Covid-19, 90,74 triệu", []string{"covid", "19", "90", "74", "trieu"}, []string{"covid", "19", "90", "74", "triệu"}},
		{norm.NFD.String("Hoà bình"), []string{"hoa", "binh"}, []string{"hòa", "bình"}},
		{"“Mái ấm”…", []string{"mai", "am"}, []string{"mái", "ấm"}},
		{"  ", nil, nil},
		{strings.Repeat("a", 70) + " b", []string{"b"}, []string{"b"}},
	}
	for _, tt := range tests {
		if d := cmp.Diff(tt.folded, Terms(tt.in, false)); d != "" {
			t.Errorf("Terms(%q, folded) (-want +got):\n%s", tt.in, d)
		}
		if d := cmp.Diff(tt.exact, Terms(tt.in, true)); d != "" {
			t.Errorf("Terms(%q, exact) (-want +got):\n%s", tt.in, d)
		}
	}
}

// TestBleveAnalyzers checks that the analyzers registered with bleve give
// the same terms as Terms, which queries and snippets use.
func TestBleveAnalyzers(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Công đoàn cơ sở trao 90,74 triệu đồng",
		"Uỷ ban nhân dân TP.HCM hoà giải",
		norm.NFD.String("Người lao động được hỗ trợ"),
		"ĐƯỜNG Dương Café 2021",
	}
	for _, name := range []string{foldedAnalyzer, exactAnalyzer} {
		a := analyzer(t, m, name)
		for _, text := range texts {
			var got []string
			last := 0
			for i, tok := range a.Analyze([]byte(text)) {
				got = append(got, string(tok.Term))
				if name == foldedAnalyzer && tok.Position != i+1 || tok.Position <= last {
					t.Errorf("%s(%q): token %d has position %d", name, text, i, tok.Position)
				}
				last = tok.Position
			}
			want := Terms(text, name == exactAnalyzer)
			if name == exactAnalyzer {
				// The exact fields keep only the accented terms.
				want = slices.DeleteFunc(want, func(s string) bool { return s == Fold(s) })
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("%s(%q) (-want +bleve):\n%s", name, text, d)
			}
		}
	}
}

func analyzer(t *testing.T, m *mapping.IndexMappingImpl, name string) analysis.Analyzer {
	t.Helper()
	a := m.AnalyzerNamed(name)
	if a == nil {
		t.Fatalf("analyzer %s not registered", name)
	}
	return a
}
