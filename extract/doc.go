// Package extract turns document bytes into an Article: decoded, NFC text,
// and the figures (money, counts, percents, ratios, periods, dates) found in
// it, as specified by shared/spec/figures.md.
//
// extract is pure: no I/O, no clocks, no network. It must not import
// net/http, bleve or os; the callers (cmd/tinso, ingest) read the bytes.
package extract
