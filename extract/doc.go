// Package extract turns document bytes into an Article, as specified by
// shared/spec/figures.md, in stages:
//
//   - decode.go: bytes to NFC text (charset, windows-1258, TCVN3/VNI repair);
//   - content.go, rules.go: the article of an HTML page (per-site rules,
//     then generic main-content scoring with goquery); textclean.go: the
//     same on the lines of a plain-text dump;
//   - htmlmeta.go, published.go, dateline.go: title, published, author;
//   - figures.go and its helpers: the figures of the body (money, counts,
//     percents, ratios, periods, dates).
//
// extract is pure: no I/O, no clocks, no network. It must not import
// net/http, bleve or os; the callers (cmd/tinso, ingest) read the bytes.
package extract
