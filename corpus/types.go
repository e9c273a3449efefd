package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// Document is raw input with its provenance, before extraction.
type Document struct {
	Source       string    // file path or URL as given by the user
	URL          string    // canonical URL, empty for files
	Site         string    // host name for a URL, empty for files
	FetchedAt    time.Time // when the bytes were read or fetched
	Status       int       // HTTP status, 0 for files
	ContentType  string    // declared content type, if any
	ETag         string    // HTTP validators for conditional GET
	LastModified string
	Raw          []byte // the bytes as received
}

// Kind names what a figure measures.
type Kind string

// The scored kinds of figures.md, and the two unscored ones.
const (
	Money    Kind = "money"
	Count    Kind = "count"
	Percent  Kind = "percent"
	Ratio    Kind = "ratio"
	Period   Kind = "period"
	Date     Kind = "date"
	Ordinal  Kind = "ordinal"  // "lần thứ XI", "đợt 2": reported, never scored
	Duration Kind = "duration" // "6 tháng", "92 năm": reported, never scored
)

// Scored reports whether the evaluation scores figures of this kind.
func (k Kind) Scored() bool {
	switch k {
	case Money, Count, Percent, Ratio, Period, Date:
		return true
	}
	return false
}

// Approx qualifies a figure's value.
type Approx string

// The approx values of figures.md.
const (
	Exact Approx = ""
	Over  Approx = "over"  // trên, hơn, vượt, ít nhất, từ X trở lên
	Under Approx = "under" // gần, dưới, chưa đến, tối đa
	About Approx = "about" // khoảng, xấp xỉ, chừng, ước
	Vague Approx = "vague" // hàng chục, hàng trăm: value is the lower bound
)

// Value is a figure's value: a number for most kinds, an ISO date string
// ("2018-11-06", "2020-02", "--06-23") for dates.
type Value struct {
	Num  Decimal
	Date string
}

// MarshalJSON writes a JSON string for a date and an exact number otherwise.
func (v Value) MarshalJSON() ([]byte, error) {
	if v.Date != "" {
		return json.Marshal(v.Date)
	}
	return v.Num.MarshalJSON()
}

// UnmarshalJSON reads either form.
func (v *Value) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &v.Date)
	}
	return v.Num.UnmarshalJSON(b)
}

func (v Value) String() string {
	if v.Date != "" {
		return v.Date
	}
	return v.Num.String()
}

// Figure is one statistic found in an article body, field for field the
// object of figures.md. Start and End are code-point offsets into the body
// and Text is exactly body[Start:End].
type Figure struct {
	Kind     Kind     `json:"kind"`
	Value    Value    `json:"value"`
	Unit     string   `json:"unit"`
	Text     string   `json:"text"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Approx   Approx   `json:"approx"`
	Min      *Decimal `json:"min"`
	Max      *Decimal `json:"max"`
	Num      *Decimal `json:"num"`
	Den      *Decimal `json:"den"`
	Per      string   `json:"per,omitempty"`
	Category string   `json:"category,omitempty"`
	Sentence string   `json:"sentence"`
}

// Problem is something that went wrong, or was doubtful, while extracting a
// document. A problem does not stop extraction: the rest of the article is
// still returned.
type Problem struct {
	Stage  string `json:"stage"`  // "read", "decode", "figures", ...
	Reason string `json:"reason"` // human-readable, lower case
}

func (p Problem) String() string { return fmt.Sprintf("%s: %s", p.Stage, p.Reason) }

// Article is what tinso extracts from one document. Its JSON is the article
// object of figures.md; empty optional fields are written as null.
type Article struct {
	Source    string
	Site      string
	Title     string
	Published string
	Author    string
	Body      string
	Figures   []Figure
	Problems  []Problem

	// IsArticle is false for a page that holds no article (a listing, a
	// home page): its Body is empty and it is not stored as an article.
	IsArticle bool
	// Decoding records how the bytes became text ("utf-8",
	// "meta:windows-1258", "tcvn3-repaired", ...): a doubtful decode can be
	// traced back.
	Decoding string
}

type articleJSON struct {
	Source    string    `json:"source"`
	Site      *string   `json:"site"`
	Title     *string   `json:"title"`
	Published *string   `json:"published"`
	Author    *string   `json:"author"`
	Body      string    `json:"body"`
	Figures   []Figure  `json:"figures"`
	IsArticle bool      `json:"is_article"`
	Decoding  string    `json:"decoding,omitempty"`
	Problems  []Problem `json:"problems,omitempty"`
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// MarshalJSON writes the figures.md article object.
func (a Article) MarshalJSON() ([]byte, error) {
	figs := a.Figures
	if figs == nil {
		figs = []Figure{}
	}
	return json.Marshal(articleJSON{
		Source: a.Source, Site: nullable(a.Site), Title: nullable(a.Title),
		Published: nullable(a.Published), Author: nullable(a.Author),
		Body: a.Body, Figures: figs, IsArticle: a.IsArticle,
		Decoding: a.Decoding, Problems: a.Problems,
	})
}

// UnmarshalJSON reads the figures.md article object.
func (a *Article) UnmarshalJSON(b []byte) error {
	var j articleJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*a = Article{
		Source: j.Source, Site: deref(j.Site), Title: deref(j.Title),
		Published: deref(j.Published), Author: deref(j.Author),
		Body: j.Body, Figures: j.Figures, IsArticle: j.IsArticle,
		Decoding: j.Decoding, Problems: j.Problems,
	}
	return nil
}
