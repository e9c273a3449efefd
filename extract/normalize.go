package extract

import "golang.org/x/text/unicode/norm"

// nfc returns s in Unicode normalization form C, the form tinso keeps
// everywhere after decoding (offsets are code points into NFC text).
func nfc(s string) string {
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}
