package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// Hooks for the external tests (package index_test).

// BareDocument is a document as bleve indexes it, built ahead of time.
type BareDocument struct {
	ID  string
	Doc map[string]interface{}
}

// BareDocuments builds the bleve documents of entries, as Put does.
func BareDocuments(es []Entry) []BareDocument {
	out := make([]BareDocument, len(es))
	for i, e := range es {
		out[i] = BareDocument{e.ID, document(e.Article, Rev(e.Article))}
	}
	return out
}

// BareIndex indexes prebuilt documents with bleve alone, the same mapping
// and batch size and nothing else: the baseline Put is compared with.
func BareIndex(dir string, docs []BareDocument, batchSize int) error {
	m, err := newMapping()
	if err != nil {
		return err
	}
	b, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return err
	}
	for len(docs) > 0 {
		n := min(batchSize, len(docs))
		batch := b.NewBatch()
		for _, d := range docs[:n] {
			if err := batch.Index(d.ID, d.Doc); err != nil {
				b.Close()
				return err
			}
		}
		if err := b.Batch(batch); err != nil {
			b.Close()
			return err
		}
		docs = docs[n:]
	}
	return b.Close()
}

// DefaultBatchSize is Put's default batch size.
var DefaultBatchSize = func() int { o := Options{}; o.applyDefaults(); return o.BatchSize }()

// SetVerifyBudget sets verifyBudget until the returned func restores it:
// 0 sends every phrase through the unchecked ranking path.
func SetVerifyBudget(n uint64) (restore func()) {
	old := verifyBudget
	verifyBudget = n
	return func() { verifyBudget = old }
}
