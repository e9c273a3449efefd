// Package eval scores tinso's extractor against gold files laid out like
// shared/data/golden: clean/<doc>.json (the article fields) and
// figures/<doc>.jsonl (one gold figure a line). It reads files; the
// extractor it scores stays pure.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tinso/tinso/corpus"
)

// GoldDoc is one gold document: its clean article and its gold figures.
type GoldDoc struct {
	Doc       string          `json:"doc"`
	Title     *string         `json:"title"`
	Published *string         `json:"published"`
	Author    *string         `json:"author"`
	Body      string          `json:"body"`
	Figures   []corpus.Figure `json:"-"`
}

// goldFigure is a gold line: a figure plus the doc it belongs to.
type goldFigure struct {
	Doc string `json:"doc"`
	corpus.Figure
}

// LoadGold reads dir/clean/*.json and dir/figures/*.jsonl. A clean file
// without a figures file is a document with no figures; a figures file
// without a clean file is an error, as is any line that does not parse.
func LoadGold(dir string) ([]GoldDoc, error) {
	cleanFiles, err := filepath.Glob(filepath.Join(dir, "clean", "*.json"))
	if err != nil {
		return nil, err
	}
	if len(cleanFiles) == 0 {
		return nil, fmt.Errorf("load gold %s: no clean/*.json files", dir)
	}
	docs := make([]GoldDoc, 0, len(cleanFiles))
	byName := map[string]int{}
	for _, path := range cleanFiles {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("load gold: %w", err)
		}
		var d GoldDoc
		if err := json.Unmarshal(b, &d); err != nil {
			return nil, fmt.Errorf("load gold %s: %w", path, err)
		}
		if d.Doc == "" {
			d.Doc = strings.TrimSuffix(filepath.Base(path), ".json")
		}
		byName[stem(d.Doc)] = len(docs)
		docs = append(docs, d)
	}
	figFiles, err := filepath.Glob(filepath.Join(dir, "figures", "*.jsonl"))
	if err != nil {
		return nil, err
	}
	for _, path := range figFiles {
		if err := readFigures(path, docs, byName); err != nil {
			return nil, err
		}
	}
	sort.Slice(docs, func(a, b int) bool { return docs[a].Doc < docs[b].Doc })
	return docs, nil
}

func stem(name string) string {
	name = filepath.Base(name)
	for _, ext := range []string{".jsonl", ".json", ".txt", ".html", ".htm"} {
		name = strings.TrimSuffix(name, ext)
	}
	return name
}

func readFigures(path string, docs []GoldDoc, byName map[string]int) error {
	fh, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("load gold: %w", err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g goldFigure
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return fmt.Errorf("load gold %s:%d: %w", path, line, err)
		}
		name := g.Doc
		if name == "" {
			name = filepath.Base(path)
		}
		k, ok := byName[stem(name)]
		if !ok {
			return fmt.Errorf("load gold %s:%d: no clean file for doc %q", path, line, name)
		}
		docs[k].Figures = append(docs[k].Figures, g.Figure)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("load gold %s: %w", path, err)
	}
	return nil
}

// Tally counts matches for one kind (or overall).
type Tally struct {
	Gold, Predicted, Matched int
}

// Precision is matched / predicted (1 when nothing was predicted).
func (t Tally) Precision() float64 { return ratio(t.Matched, t.Predicted) }

// Recall is matched / gold (1 when there is no gold).
func (t Tally) Recall() float64 { return ratio(t.Matched, t.Gold) }

// F1 is the harmonic mean of precision and recall.
func (t Tally) F1() float64 {
	p, r := t.Precision(), t.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Miss is a gold figure no prediction matched, or a prediction that
// matched no gold figure.
type Miss struct {
	Doc    string
	Figure corpus.Figure
}

// FigureScore is the result of scoring figures.
type FigureScore struct {
	Overall        Tally
	ByKind         map[corpus.Kind]*Tally
	UnitRight      int // matched counts whose unit agrees (case-folded)
	UnitTotal      int // matched counts
	ApproxRight    int // matched figures whose approx agrees
	ApproxTotal    int // matched figures
	Missed         []Miss
	FalsePositives []Miss
	UnitErrors     []UnitError
	ApproxErrors   []UnitError
}

// UnitError is a matched figure whose unit or approx disagrees.
type UnitError struct {
	Doc        string
	Gold, Pred corpus.Figure
}

// UnitAccuracy is the share of matched counts with the gold unit.
func (s FigureScore) UnitAccuracy() float64 { return ratio(s.UnitRight, s.UnitTotal) }

// ApproxAccuracy is the share of matched figures with the gold approx.
func (s FigureScore) ApproxAccuracy() float64 { return ratio(s.ApproxRight, s.ApproxTotal) }

// ScoreFigures matches predicted figures to gold figures one to one, per
// document, by the rules of figures.md: kinds agree and values agree
// (money and counts exactly, percent within 0.001, ratio on num and den,
// period on min and max, date on the ISO string, a range on min and max).
// Only scored kinds take part.
func ScoreFigures(docs []GoldDoc, predicted map[string][]corpus.Figure) FigureScore {
	// Among equal values prefer the nearest position.
	return scoreFigures(docs, predicted, func(g, cand, cur corpus.Figure) bool {
		return absInt(cand.Start-g.Start) < absInt(cur.Start-g.Start)
	})
}

// scoreFigures is the one-to-one matching of ScoreFigures; better tells
// whether a candidate prediction beats the current best for a gold figure
// when both match it.
func scoreFigures(docs []GoldDoc, predicted map[string][]corpus.Figure, better func(g, cand, cur corpus.Figure) bool) FigureScore {
	s := FigureScore{ByKind: map[corpus.Kind]*Tally{}}
	tally := func(k corpus.Kind) *Tally {
		if s.ByKind[k] == nil {
			s.ByKind[k] = &Tally{}
		}
		return s.ByKind[k]
	}
	for _, d := range docs {
		var gold, pred []corpus.Figure
		for _, g := range d.Figures {
			if g.Kind.Scored() {
				gold = append(gold, g)
			}
		}
		for _, p := range predicted[d.Doc] {
			if p.Kind.Scored() {
				pred = append(pred, p)
			}
		}
		used := make([]bool, len(pred))
		for _, g := range gold {
			tally(g.Kind).Gold++
			s.Overall.Gold++
			best := -1
			for k, p := range pred {
				if used[k] || !Match(g, p) {
					continue
				}
				if best < 0 || better(g, p, pred[best]) {
					best = k
				}
			}
			if best < 0 {
				s.Missed = append(s.Missed, Miss{d.Doc, g})
				continue
			}
			used[best] = true
			p := pred[best]
			tally(g.Kind).Matched++
			s.Overall.Matched++
			s.ApproxTotal++
			if g.Approx == p.Approx {
				s.ApproxRight++
			} else {
				s.ApproxErrors = append(s.ApproxErrors, UnitError{d.Doc, g, p})
			}
			if g.Kind == corpus.Count {
				s.UnitTotal++
				if strings.EqualFold(g.Unit, p.Unit) {
					s.UnitRight++
				} else {
					s.UnitErrors = append(s.UnitErrors, UnitError{d.Doc, g, p})
				}
			}
		}
		for k, p := range pred {
			tally(p.Kind).Predicted++
			s.Overall.Predicted++
			if !used[k] {
				s.FalsePositives = append(s.FalsePositives, Miss{d.Doc, p})
			}
		}
	}
	return s
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Match reports whether a predicted figure matches a gold one.
func Match(g, p corpus.Figure) bool {
	if g.Kind != p.Kind {
		return false
	}
	switch g.Kind {
	case corpus.Date:
		return g.Value.Date == p.Value.Date
	case corpus.Ratio:
		return decEq(g.Num, p.Num) && decEq(g.Den, p.Den)
	case corpus.Period:
		return decEq(g.Min, p.Min) && decEq(g.Max, p.Max)
	case corpus.Percent:
		if g.Min != nil || p.Min != nil {
			return decEq(g.Min, p.Min) && decEq(g.Max, p.Max)
		}
		return math.Abs(g.Value.Num.Float64()-p.Value.Num.Float64()) <= 0.001
	default:
		if g.Min != nil || p.Min != nil {
			return decEq(g.Min, p.Min) && decEq(g.Max, p.Max)
		}
		return g.Value.Num.Cmp(p.Value.Num) == 0
	}
}

func decEq(a, b *corpus.Decimal) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Cmp(*b) == 0
}
