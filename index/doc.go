// Package index is tinso's full-text index of the corpus: the only
// package that uses bleve. It returns the project's own types, never
// bleve's.
//
//	ix, err := index.Open("tinso-data/index.bleve", index.Options{})
//	err = ix.Put(ctx, []index.Entry{{ID: "42", Article: a}})
//	res, err := ix.Search(ctx, index.Query{Text: `"mái ấm" cong doan`, Highlight: true})
//
// # Analysis (fold.go, tokenize.go, analyzer.go)
//
// Vietnamese is written in space-separated syllables, so the tokenizer
// cuts NFC text into runs of letters and digits; no dictionary is needed.
// A syllable is indexed in two forms: folded (lower case, no diacritics,
// đ → d: "Đường" → "duong"), which every query matches, so "cong doan"
// finds "công đoàn" and "Uỷ"/"Ủy" meet; and exact (lower case, accented,
// tone mark moved to one canonical vowel: "uỷ" → "ủy", "hoà" → "hòa"),
// which only ranks, so "đường" puts "đường" above "Dương". Fold and
// Terms expose the analysis.
//
// # Fields (mapping.go)
//
// The title and body are indexed together ("text", folded, with
// positions for phrases, and its exact twin "text_x"), the title alone
// again ("title", for ranking), and the pairs of adjacent syllables,
// hashed ("pairs", which makes phrases of common syllables fast, see
// phrase.go). Keyword fields with doc values hold the site, published
// date, year, figure kinds and categories; numeric fields the published
// day and the figures' values (money, count and count per category,
// percent, ratio, period), so that "a money figure between 1e9 and 5e9"
// is a range. Nothing is stored: the corpus keeps the text, and Search
// loads a hit's article through Options.Articles to make its snippet.
// Each document carries its revision (Rev), so a caller can find the
// documents where the corpus and the index disagree (Revs) and repair
// them.
//
// # Queries (parse.go, query.go, build.go, run.go)
//
// Query.Text has a small language of its own: words (all must match),
// "phrases", -excluded, site:host, prefix*, wild?card, fuzzy~ and
// fuzzy~2; every form is folded before it meets the index. A malformed
// query or option is a *QueryError with a one-line message (exit code 2
// in the CLI). Hits are ranked in tiers: documents whose title holds
// every clause, then those whose text has the free words side by side,
// then the rest; each tier by score, the title weighing more than the
// body. Filters (sites, dates, figure kind, category and value range)
// narrow without ranking; a filtered query, having fewer matches, is
// ranked in one pass (the title boost alone favours title matches).
// Facets count by site, year, kind and category. A phrase of common
// syllables may get an approximate total (Result.Approximate); its hits
// are always exact.
//
// # One writer, many readers (lock.go)
//
// bleve locks the index: a writer holds an exclusive lock, read-only
// opens share one. A writable Open (ingest, reindex) waits up to
// Options.Wait for the lock and records its pid in the index directory.
// A read-only Open (search) that finds the index locked asks the writer
// to let go by leaving a request file; the writer, between two batches
// (Put makes each batch durable before the next), closes the index until
// the waiting readers have opened theirs, then takes it back. So a
// search during an ingest waits a fraction of a second and sees the
// batches written so far. If the writer does not let go within
// Options.Wait (it is in one long batch, or it is an older tinso), Open
// returns a *BusyError (errors.Is ErrBusy) naming the writer's pid:
// "index is busy: process 1234 is writing to ... (an ingest or reindex)
// and did not let go within 5s; retry when it has finished". Two writers
// exclude each other the same way. A read-only Index should be closed
// as soon as its search is done: while it is open, a writer that let it
// in waits for it.
//
// index must not import ingest or extract (deps_test.go checks it).
package index
