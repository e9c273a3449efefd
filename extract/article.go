package extract

import (
	"bytes"
	"errors"
	"fmt"
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
