package eval

import (
	"path/filepath"
	"testing"

	"github.com/tinso/tinso/corpus"
)

func dec(s string) *corpus.Decimal {
	d, err := corpus.ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return &d
}

func num(s string) corpus.Value { return corpus.Value{Num: *dec(s)} }

func TestMatch(t *testing.T) {
	tests := []struct {
		name string
		g, p corpus.Figure
		want bool
	}{
		{"money exact", corpus.Figure{Kind: corpus.Money, Value: num("90740000")}, corpus.Figure{Kind: corpus.Money, Value: num("90740000")}, true},
		{"money off by one", corpus.Figure{Kind: corpus.Money, Value: num("90740000")}, corpus.Figure{Kind: corpus.Money, Value: num("90740001")}, false},
		{"kind differs", corpus.Figure{Kind: corpus.Money, Value: num("5")}, corpus.Figure{Kind: corpus.Count, Value: num("5")}, false},
		{"percent within 0.001", corpus.Figure{Kind: corpus.Percent, Value: num("106.4")}, corpus.Figure{Kind: corpus.Percent, Value: num("106.4009")}, true},
		{"percent beyond 0.001", corpus.Figure{Kind: corpus.Percent, Value: num("106.4")}, corpus.Figure{Kind: corpus.Percent, Value: num("106.41")}, false},
		{"ratio on num and den", corpus.Figure{Kind: corpus.Ratio, Num: dec("16"), Den: dec("15")}, corpus.Figure{Kind: corpus.Ratio, Num: dec("16"), Den: dec("15"), Value: num("1.0666")}, true},
		{"ratio reduced is not the same", corpus.Figure{Kind: corpus.Ratio, Num: dec("10"), Den: dec("10")}, corpus.Figure{Kind: corpus.Ratio, Num: dec("1"), Den: dec("1")}, false},
		{"period on min max", corpus.Figure{Kind: corpus.Period, Min: dec("2023"), Max: dec("2028")}, corpus.Figure{Kind: corpus.Period, Min: dec("2023"), Max: dec("2027")}, false},
		{"date string", corpus.Figure{Kind: corpus.Date, Value: corpus.Value{Date: "--06-23"}}, corpus.Figure{Kind: corpus.Date, Value: corpus.Value{Date: "--06-23"}}, true},
		{"range needs both ends", corpus.Figure{Kind: corpus.Count, Value: num("300"), Min: dec("300"), Max: dec("500")}, corpus.Figure{Kind: corpus.Count, Value: num("300")}, false},
	}
	for _, tt := range tests {
		if got := Match(tt.g, tt.p); got != tt.want {
			t.Errorf("%s: Match = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestScoreFigures(t *testing.T) {
	docs, err := LoadGold(filepath.Join("testdata", "gold"))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0].Figures) != 7 || len(docs[1].Figures) != 0 {
		t.Fatalf("loaded %d docs: %+v", len(docs), docs)
	}
	pred := map[string][]corpus.Figure{
		"a.txt": {
			{Kind: corpus.Count, Value: num("78"), Unit: "cđcs"}, // unit compares case-folded
			{Kind: corpus.Count, Value: num("1738"), Unit: "người", Approx: corpus.Exact},
			{Kind: corpus.Percent, Value: num("106.4")},
			{Kind: corpus.Money, Value: num("90740000")},
			{Kind: corpus.Money, Value: num("90740000")}, // a duplicate is a false positive
			{Kind: corpus.Duration, Value: num("3")},     // unscored kinds do not count
		},
		"b.txt": {{Kind: corpus.Date, Value: corpus.Value{Date: "--01-01"}}},
	}
	s := ScoreFigures(docs, pred)
	if s.Overall.Gold != 7 || s.Overall.Predicted != 6 || s.Overall.Matched != 4 {
		t.Fatalf("overall %+v", s.Overall)
	}
	if s.UnitRight != 1 || s.UnitTotal != 2 {
		t.Errorf("units %d/%d, want 1/2", s.UnitRight, s.UnitTotal)
	}
	if s.ApproxRight != 3 || s.ApproxTotal != 4 {
		t.Errorf("approx %d/%d, want 3/4", s.ApproxRight, s.ApproxTotal)
	}
	if len(s.Missed) != 3 || len(s.FalsePositives) != 2 {
		t.Errorf("missed %d, false positives %d", len(s.Missed), len(s.FalsePositives))
	}
	if got := s.ByKind[corpus.Money]; got.Precision() != 0.5 || got.Recall() != 1 {
		t.Errorf("money tally %+v", got)
	}
}

func TestLoadGoldErrors(t *testing.T) {
	if _, err := LoadGold(t.TempDir()); err == nil {
		t.Error("an empty directory loaded without error")
	}
}
