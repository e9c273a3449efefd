package extract

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/tinso/tinso/corpus"
)

// Errors for input that cannot be read as text. They are wrapped with the
// detail; callers test them with errors.Is.
var (
	ErrEmpty   = errors.New("empty document")
	ErrBinary  = errors.New("binary content, not text")
	ErrEncoded = errors.New("invalid UTF-8")
)

// Options tune Extract and Clean.
type Options struct {
	// Rules are per-site selectors tried before the generic rules; nil
	// means generic rules only.
	Rules *Rules
	// Mode forces how the text is read; the zero value decides by content.
	Mode Mode
}

// Mode says whether a document is read as HTML or as plain text.
type Mode int

// The modes of Options.Mode.
const (
	Auto      Mode = iota // HTML when the content looks like HTML, else text
	HTMLMode              // always HTML
	PlainMode             // always plain text (a dump like the seeds)
)

// Extract cleans a document (HTML or a plain-text dump), and finds the
// figures in its body.
func Extract(doc corpus.Document, opts Options) (corpus.Article, error) {
	a, err := Clean(doc, opts)
	if err != nil {
		return a, err
	}
	a.Figures = Figures(a.Body)
	return a, nil
}

// Clean decodes a document and keeps the article alone: title, published,
// author and body, without the figures. It fails only when the bytes are
// not text at all (empty, binary); everything else yields a best-effort
// article.
func Clean(doc corpus.Document, opts Options) (corpus.Article, error) {
	text, decoding, err := Decode(doc.Raw, doc.ContentType)
	if err != nil {
		return corpus.Article{}, err
	}
	mode := opts.Mode
	if mode == Auto {
		mode = PlainMode
		if looksLikeHTML(text) {
			mode = HTMLMode
		}
	}
	var p page
	if mode == HTMLMode {
		url := doc.URL
		if url == "" {
			url = doc.Source
		}
		p = cleanHTML(text, url, opts.Rules)
	} else {
		p = cleanText(text)
	}
	return corpus.Article{
		Source: doc.Source, Site: doc.Site, Title: p.Title,
		Published: p.Published, Author: p.Author, Body: p.Body,
		IsArticle: p.IsArticle, Decoding: decoding, Problems: p.Problems,
	}, nil
}

// looksLikeHTML reports whether text is markup: a doctype or one of the
// page-level tags, or, for a fragment stored by a CMS (no <html>, often
// "<p style=...>"), at least three element tags in its first 4 KiB.
func looksLikeHTML(text string) bool {
	head := text
	if len(head) > 4096 {
		head = head[:4096]
	}
	if !strings.Contains(head, "<") {
		return false
	}
	head = strings.ToLower(head)
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<meta ", "<div", "<p>", "<table", "<title"} {
		if strings.Contains(head, tag) {
			return true
		}
	}
	return len(fragmentTag.FindAllStringIndex(head, 3)) >= 3
}

// fragmentTag matches an opening or closing element tag of article markup.
var fragmentTag = regexp.MustCompile(`</?(?:p|span|br|h[1-6]|ul|ol|li|img|strong|em|b|i|a|tr|td|article|section|figure|figcaption|blockquote)(?:\s[^<>]*)?/?>`)

// Text extracts an article from a plain-text document: the whole text,
// normalised to NFC with LF line ends, is the body; the figures are found
// in it. (Cleaning of page furniture, title, date and author come with the
// cleaning stage.)
func Text(doc corpus.Document) (corpus.Article, error) {
	body, err := decodeText(doc.Raw)
	if err != nil {
		return corpus.Article{}, err
	}
	a := corpus.Article{Source: doc.Source, Site: doc.Site, Body: body}
	a.Figures = Figures(body)
	return a, nil
}

// decodeText checks that raw is UTF-8 text and returns it as NFC with LF
// line ends and no surrounding blank space.
func decodeText(raw []byte) (string, error) {
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", ErrEmpty
	}
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		return "", fmt.Errorf("%w (NUL byte at offset %d)", ErrBinary, i)
	}
	if !utf8.Valid(raw) {
		off := 0
		for off < len(raw) {
			r, n := utf8.DecodeRune(raw[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return "", fmt.Errorf("%w at byte offset %d", ErrEncoded, off)
	}
	s := strings.ReplaceAll(string(raw), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimSpace(nfc(s)), nil
}
