// Package ingest gets document bytes with their provenance: local files
// and folders, standard input, and single URLs (one plain GET). It returns
// corpus.Document values; cleaning and figures are extract's job.
//
// ingest must not import bleve.
package ingest
