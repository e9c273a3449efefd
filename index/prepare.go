package index

import (
	"sync"
	"sync/atomic"

	bdoc "github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/tinso/tinso/corpus"
)

// Prepared is an article mapped and analysed for the index ahead of Put.
// Analysis (tokenising and folding title and body three ways) is about
// a third of the work of indexing; bleve does it inside Batch, while the
// caller waits, and then builds the batch's segment on one goroutine.
// A caller with a pipeline (tinso ingest) prepares each article on the
// goroutine that extracted it, so the analysis of the next batch runs
// while bleve builds the segment of the current one (ingest of 100,000
// articles on 2 cores: from 0.79 to 0.85–0.93 of bare bleve's rate).
type Prepared struct {
	doc  *bdoc.Document
	used atomic.Bool
}

// take returns the prepared document the first time, nil after (and for
// a nil p): bleve adds its _id field to a document it indexes, so a
// document goes to bleve once, and a second Put of the same entry (a
// retry) maps and analyses the article again.
func (p *Prepared) take() *bdoc.Document {
	if p == nil || p.used.Swap(true) {
		return nil
	}
	return p.doc
}

// Prepare maps and analyses an article as Put would. It is safe for
// concurrent use. The result is for one Put only: bleve keeps the
// document once indexed.
func Prepare(a corpus.Article) (*Prepared, error) {
	m, err := sharedMapping()
	if err != nil {
		return nil, err
	}
	doc := bdoc.NewDocument("")
	if err := m.MapDocument(doc, document(a, Rev(a))); err != nil {
		return nil, err
	}
	for i, f := range doc.Fields {
		if tf, ok := f.(*bdoc.TextField); ok && tf.Options().IsIndexed() {
			tf.Analyze()
			doc.Fields[i] = analysedField{tf}
		}
	}
	return &Prepared{doc: doc}, nil
}

// analysedField is a text field analysed by Prepare: bleve's Batch calls
// Analyze on every field, which would tokenise it again.
type analysedField struct{ *bdoc.TextField }

func (analysedField) Analyze() {}

// sharedMapping is the mapping Prepare maps documents with: the one every
// index of this analysis version is created with (Open refuses others).
var sharedMapping = sync.OnceValues(func() (mapping.IndexMapping, error) { return newMapping() })
