package corpus

import (
	"crypto/sha256"
	"encoding/hex"
)

// ContentHash is the hex SHA-256 of a document's raw bytes: the identity of
// a file's content and the test of whether a page changed.
func ContentHash(raw []byte) string {
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:])
}

// DocumentKey is the identity a document is stored under: its canonical
// URL when it has one, otherwise its content hash ("sha256:…"), so that the
// same file ingested twice, under any name, is stored once.
func DocumentKey(d Document, hash string) string {
	if d.URL != "" {
		return d.URL
	}
	return "sha256:" + hash
}
