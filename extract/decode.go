package extract

// Decode turns document bytes into NFC text with LF line ends. contentType
// is the declared HTTP Content-Type, if any. The second result records the
// path taken ("utf-8", "header:windows-1258", "meta:windows-1258",
// "tcvn3-repaired", "vni-repaired", ...).
//
// STUB: owned by the decoding work; replaced wholesale.
func Decode(raw []byte, contentType string) (string, string, error) {
	s, err := decodeText(raw)
	return s, "utf-8", err
}
