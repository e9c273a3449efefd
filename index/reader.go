package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
)

// The functions here read the index directly (bleve's index reader), not
// through a search: listing every document, or a few doc values.

// Revs calls fn with the id and revision (Rev) of every indexed
// document, in no particular order, and stops at fn's first error. It
// reads the index directly, so listing millions of documents takes
// seconds, not a search per page.
func (ix *Index) Revs(fn func(id, rev string) error) error {
	return ix.with(func(b bleve.Index) error {
		adv, err := b.Advanced()
		if err != nil {
			return fmt.Errorf("list index %s: %w", ix.dir, err)
		}
		r, err := adv.Reader()
		if err != nil {
			return fmt.Errorf("list index %s: %w", ix.dir, err)
		}
		defer r.Close()
		ids, err := r.DocIDReaderAll()
		if err != nil {
			return fmt.Errorf("list index %s: %w", ix.dir, err)
		}
		defer ids.Close()
		dv, err := r.DocValueReader([]string{fRev})
		if err != nil {
			return fmt.Errorf("list index %s: %w", ix.dir, err)
		}
		for {
			iid, err := ids.Next()
			if err != nil {
				return fmt.Errorf("list index %s: %w", ix.dir, err)
			}
			if iid == nil {
				return nil
			}
			id, err := r.ExternalID(iid)
			if err != nil {
				return fmt.Errorf("list index %s: %w", ix.dir, err)
			}
			rev := ""
			err = dv.VisitDocValues(iid, func(field string, term []byte) {
				if field == fRev {
					rev = string(term)
				}
			})
			if err != nil {
				return fmt.Errorf("list index %s: document %s: %w", ix.dir, id, err)
			}
			if err := fn(id, rev); err != nil {
				return err
			}
		}
	})
}

// docValues returns the site and published values of the documents ids,
// read from doc values (nothing is stored).
func docValues(b bleve.Index, ids []string) (site, pub []string, err error) {
	adv, err := b.Advanced()
	if err != nil {
		return nil, nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	dv, err := r.DocValueReader([]string{fSite, fPub})
	if err != nil {
		return nil, nil, err
	}
	site, pub = make([]string, len(ids)), make([]string, len(ids))
	for i, id := range ids {
		iid, err := r.InternalID(id)
		if err != nil {
			return nil, nil, fmt.Errorf("document %s: %w", id, err)
		}
		if iid == nil {
			continue
		}
		err = dv.VisitDocValues(iid, func(field string, term []byte) {
			switch field {
			case fSite:
				site[i] = string(term)
			case fPub:
				pub[i] = string(term)
			}
		})
		if err != nil {
			return nil, nil, fmt.Errorf("document %s: %w", id, err)
		}
	}
	return site, pub, nil
}
