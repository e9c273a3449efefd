package extract

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

const viSample = "Công đoàn huyện Minh Sơn tổ chức hội nghị tổng kết công tác năm 2021, " +
	"trao 320 suất quà cho người lao động có hoàn cảnh khó khăn."

// to1258 encodes NFC Vietnamese as windows-1258 writes it: letters of the
// code page precomposed, other tones as combining marks.
func to1258(t *testing.T, s string) []byte {
	t.Helper()
	enc := charmap.Windows1258.NewEncoder()
	var out []byte
	for _, r := range s {
		if b, ok := charmap.Windows1258.EncodeRune(r); ok {
			out = append(out, b)
			continue
		}
		var base, tone []rune
		for _, c := range norm.NFD.String(string(r)) {
			switch c {
			case 0x300, 0x301, 0x303, 0x309, 0x323:
				tone = append(tone, c)
			default:
				base = append(base, c)
			}
		}
		b, err := enc.Bytes([]byte(norm.NFC.String(string(base)) + string(tone)))
		if err != nil {
			t.Fatalf("to1258 %q: %v", r, err)
		}
		out = append(out, b...)
	}
	return out
}

// asLatin reads bytes as windows-1252 (or latin-1), as a converter that
// did not know the font did: legacy-font text turned into UTF-8 mojibake.
func asLatin(b []byte, latin1 bool) []byte {
	var sb strings.Builder
	for _, c := range b {
		if latin1 {
			sb.WriteRune(rune(c))
		} else {
			sb.WriteRune(charmap.Windows1252.DecodeByte(c))
		}
	}
	return []byte(sb.String())
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "decode", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecode(t *testing.T) {
	sample := strings.TrimSpace(string(readFixture(t, "sample.utf8.txt")))
	tcvn := readFixture(t, "tcvn3.txt")
	vni := readFixture(t, "vni.txt")
	abc := readFixture(t, "tcvn3-abc.html")
	utf16 := func(order xunicode.Endianness, s string) []byte {
		b, err := xunicode.UTF16(order, xunicode.ExpectBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cp1258 := to1258(t, viSample)
	french := "Le syndicat a réuni 120 délégués à Lyon ; la réunion s'est tenue à l'hôtel de ville. " +
		"Où était-il ? Déjà là, près du théâtre, avec sa sœur et leurs élèves."
	frenchLatin, _ := charmap.Windows1252.NewEncoder().Bytes([]byte(french))
	german := "Die Gewerkschaft für Beschäftigte hat über 500 Mitglieder. Die Größe der Säle war schön; " +
		"Tür, Bär, tät, Öl, hätte, Männer, müde, Straße."
	germanLatin, _ := charmap.Windows1252.NewEncoder().Bytes([]byte(german))
	spanish := "El sindicato está aquí: sí, qué día, también él, tú y mí; más de 300 años, según el señor Pérez, aún así."
	spanishLatin, _ := charmap.Windows1252.NewEncoder().Bytes([]byte(spanish))
	polish := "Związek zawodowy liczy 250 członków; spotkanie odbyło się w środę, a przewodniczący powiedział, że są też kłopoty."
	polish1250, _ := charmap.Windows1250.NewEncoder().Bytes([]byte(polish))
	nfd := norm.NFD.String(viSample)
	latin := func(s string) []byte {
		b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	// Languages whose short words happen to be Vietnamese syllables when
	// read as TCVN3 (på → pồ, á → ỏ, è → ố) or VNI (où → ó).
	norwegian := "Han bor på Hamar, så han må gå til byen nå. Hun sa: «Jeg dør!» Være før år, også både."
	icelandic := "Ég bý á Íslandi og fer í skóla. Hún á hús í bænum, þá er gott að vera hér á landi."
	italian := "Il sindacato è forte: là c'è più lavoro, perché è così; né più né meno, città e università."
	portuguese := "O sindicato é forte, já tem três mil sócios: não só lá, mas aqui também, você está avó."
	japaneseText := "労働組合の大会"
	jis, err := japanese.ISO2022JP.NewEncoder().Bytes([]byte(japaneseText))
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, ct   string
		raw        []byte
		want, path string // want "" means: only check path and that it is non-empty
		contains   []string
	}{
		{name: "utf-8", raw: []byte(viSample), want: viSample, path: "utf-8"},
		{name: "ascii", raw: []byte("  Hello, world.\r\n"), want: "Hello, world.", path: "utf-8"},
		{name: "crlf", raw: []byte("một\r\nhai\rba\n"), want: "một\nhai\nba", path: "utf-8"},
		{name: "nfd", raw: []byte(nfd), want: viSample, path: "utf-8+nfc"},
		{name: "mixed nfc/nfd", raw: []byte(viSample + " " + nfd), want: viSample + " " + viSample, path: "utf-8+nfc"},
		{name: "bom utf-8", raw: append([]byte("\xef\xbb\xbf"), viSample...), want: viSample, path: "bom:utf-8"},
		{name: "bom utf-16le", raw: utf16(xunicode.LittleEndian, viSample), want: viSample, path: "bom:utf-16le"},
		{name: "bom utf-16be", raw: utf16(xunicode.BigEndian, nfd), want: viSample, path: "bom:utf-16be+nfc"},
		{name: "header windows-1258", ct: "text/html; charset=windows-1258", raw: cp1258, want: viSample, path: "header:windows-1258"},
		{name: "header quoted", ct: `text/html; Charset="Windows-1258"`, raw: cp1258, want: viSample, path: "header:windows-1258"},
		{name: "header beats meta", ct: "text/html; charset=windows-1258",
			raw:      append([]byte(`<meta charset="iso-8859-1"><p>`), cp1258...),
			contains: []string{viSample}, path: "header:windows-1258"},
		{name: "meta charset windows-1258",
			raw:      append([]byte(`<!DOCTYPE html><html><head><meta charset="windows-1258"><title>x</title></head><body><p>`), cp1258...),
			contains: []string{viSample}, path: "meta:windows-1258"},
		{name: "meta http-equiv windows-1258",
			raw:      append([]byte(`<html><head><!-- <meta charset="utf-8"> --><META content="text/html; charset=windows-1258" http-equiv=Content-Type></head><body>`), cp1258...),
			contains: []string{viSample}, path: "meta:windows-1258"},
		{name: "xml declaration",
			raw:      append([]byte(`<?xml version="1.0" encoding="windows-1258"?><html><body>`), cp1258...),
			contains: []string{viSample}, path: "meta:windows-1258"},
		{name: "meta wrong, utf-8 valid",
			raw:      []byte(`<html><head><meta charset="windows-1258"></head><body><p>` + viSample + `</p></body></html>`),
			contains: []string{viSample}, path: "utf-8"},
		{name: "meta unknown label", raw: append([]byte(`<meta charset="x-klingon">`), frenchLatin...),
			contains: []string{french}, path: "guess:windows-1252"},
		{name: "guess windows-1258", raw: cp1258, want: viSample, path: "guess:windows-1258"},
		{name: "guess windows-1258 by lang", raw: append([]byte(`<html lang="vi"><body>`), to1258(t, "Đà Nẵng")...),
			want: `<html lang="vi"><body>Đà Nẵng`, path: "guess:windows-1258"},
		{name: "latin-1 french declared", raw: append([]byte(`<meta http-equiv="content-type" content="text/html; charset=ISO-8859-1">`), frenchLatin...),
			contains: []string{french}, path: "meta:iso-8859-1"},
		{name: "latin-1 french guessed", raw: frenchLatin, want: french, path: "guess:windows-1252"},
		{name: "latin-1 german guessed", raw: germanLatin, want: german, path: "guess:windows-1252"},
		{name: "latin-1 spanish guessed", raw: spanishLatin, want: spanish, path: "guess:windows-1252"},
		{name: "windows-1250 polish", ct: "text/html; charset=windows-1250", raw: polish1250, want: polish, path: "header:windows-1250"},
		{name: "utf-8 french", raw: []byte(french), want: french, path: "utf-8"},
		{name: "utf-8 german", raw: []byte(german), want: german, path: "utf-8"},
		{name: "utf-8 spanish", raw: []byte(spanish), want: spanish, path: "utf-8"},
		{name: "utf-8 polish", raw: []byte(polish), want: polish, path: "utf-8"},
		{name: "utf-8 norwegian", raw: []byte(norwegian), want: norwegian, path: "utf-8"},
		{name: "latin-1 norwegian", raw: latin(norwegian), want: norwegian, path: "guess:windows-1252"},
		{name: "utf-8 icelandic", raw: []byte(icelandic), want: icelandic, path: "utf-8"},
		{name: "latin-1 icelandic", raw: latin(icelandic), want: icelandic, path: "guess:windows-1252"},
		{name: "utf-8 italian", raw: []byte(italian), want: italian, path: "utf-8"},
		{name: "latin-1 italian", raw: latin(italian), want: italian, path: "guess:windows-1252"},
		{name: "utf-8 portuguese", raw: []byte(portuguese), want: portuguese, path: "utf-8"},
		{name: "latin-1 portuguese", raw: latin(portuguese), want: portuguese, path: "guess:windows-1252"},
		{name: "iso-2022-jp declared", ct: "text/html; charset=ISO-2022-JP", raw: jis, want: japaneseText, path: "header:iso-2022-jp"},
		{name: "utf-8 vietnamese with latin-1 letters only", raw: []byte("Công tôi và là cô hàng, bà chú ý."),
			want: "Công tôi và là cô hàng, bà chú ý.", path: "utf-8"},
		{name: "mostly utf-8", raw: []byte(viSample + "\xff"), want: viSample + "\uFFFD", path: "guess:utf-8"},
		{name: "declared utf-8, one bad byte", ct: "text/html; charset=UTF-8", raw: []byte(viSample + "\xc3"),
			want: viSample + "\uFFFD", path: "header:utf-8"},
		{name: "declared latin-1, mostly utf-8", raw: []byte(`<meta charset="iso-8859-1">` + viSample + "\xe9"),
			want: `<meta charset="iso-8859-1">` + viSample + "\uFFFD", path: "guess:utf-8"},
		{name: "declared utf-8, really windows-1258", ct: "text/html; charset=utf-8", raw: cp1258, want: viSample, path: "guess:windows-1258"},
		{name: "tcvn3 raw (glibc)", raw: tcvn, want: sample, path: "tcvn3-repaired"},
		{name: "tcvn3 declared latin-1", ct: "text/plain; charset=iso-8859-1", raw: tcvn, want: sample, path: "header:iso-8859-1+tcvn3-repaired"},
		{name: "tcvn3 in utf-8 (via windows-1252)", raw: asLatin(tcvn, false), want: sample, path: "utf-8+tcvn3-repaired"},
		{name: "tcvn3 in utf-8 (via latin-1)", raw: asLatin(tcvn, true), want: sample, path: "utf-8+tcvn3-repaired"},
		{name: "tcvn3 abc page", raw: abc, path: "meta:iso-8859-1+tcvn3-repaired", contains: []string{
			"<title>Công đoàn</title>",
			"<b>CÔNG ĐOÀN HUYỆN MINH SƠN TỔNG KẾT NĂM 2021</b>",
			"Ngày 8/2, Liên đoàn Lao động huyện tổ chức hội nghị tổng kết công tác năm 2021.",
			"Công đoàn cơ sở đã vận động 1.250 đoàn viên, tặng 320 suất quà, tổng số tiền hơn 450 triệu đồng.",
			"<br>\n<font face=\".VnTime\">",
		}},
		{name: "tcvn3 abc page in utf-8", raw: asLatin(abc, false), path: "utf-8+tcvn3-repaired", contains: []string{
			"<b>CÔNG ĐOÀN HUYỆN MINH SƠN TỔNG KẾT NĂM 2021</b>",
			"tổng số tiền hơn 450 triệu đồng.",
		}},
		{name: "vni raw", raw: vni, want: sample, path: "vni-repaired"},
		{name: "vni in utf-8", raw: asLatin(vni, false), want: sample, path: "utf-8+vni-repaired"},
		{name: "vni declared windows-1252", raw: append([]byte(`<meta charset="windows-1252">`), vni...),
			want: `<meta charset="windows-1252">` + sample, path: "meta:windows-1252+vni-repaired"},
		{name: "vni mojibake beside genuine unicode", raw: []byte("<p>Tin tức: Người lao động</p>\n<p>" + string(asLatin(vni, false)) + "</p>"),
			path: "utf-8+vni-repaired", contains: []string{"<p>Tin tức: Người lao động</p>", sample}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, path, err := Decode(tc.raw, tc.ct)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if path != tc.path {
				t.Errorf("path = %q, want %q", path, tc.path)
			}
			if tc.want != "" && got != tc.want {
				t.Errorf("text =\n%q\nwant\n%q", got, tc.want)
			}
			for _, c := range tc.contains {
				if !strings.Contains(got, c) {
					t.Errorf("text lacks %q:\n%s", c, got)
				}
			}
			if !utf8.ValidString(got) || !norm.NFC.IsNormalString(got) || strings.Contains(got, "\r") {
				t.Errorf("text is not NFC UTF-8 with LF line ends: %q", got)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want error
	}{
		{"nil", nil, ErrEmpty},
		{"blank", []byte(" \r\n\t \n"), ErrEmpty},
		{"bom only", []byte("\xef\xbb\xbf  \n"), ErrEmpty},
		{"utf-16 bom, blank", []byte("\xff\xfe \x00\n\x00"), ErrEmpty},
		{"latin-1 nbsp", []byte("\xa0\xa0 "), ErrEmpty},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrBinary},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), ErrBinary},
		{"zip", []byte("PK\x03\x04\x14\x00\x00\x00"), ErrBinary},
		{"gzip", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"), ErrBinary},
		{"nul", []byte("<html>\x00<body>"), ErrBinary},
		{"many nuls", append([]byte(strings.Repeat("<p>text</p>\n", 200)), bytes.Repeat([]byte("ab\x00"), 100)...), ErrBinary},
		{"utf-16 without bom", []byte("<\x00h\x00t\x00m\x00l\x00>\x00"), ErrBinary},
		{"control bytes", []byte("\x01\x02\x03\x04abc\x05\x06\x07\x08\x0e\x0f"), ErrBinary},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, path, err := Decode(tc.raw, "")
			if !errors.Is(err, tc.want) {
				t.Fatalf("Decode = %q, %q, %v; want %v", text, path, err, tc.want)
			}
		})
	}
}

func TestDecodeSyllable(t *testing.T) {
	for _, w := range []string{"công", "Đoàn", "NGƯỜI", "nghiệp", "quyết", "khuỷu", "gì", "giữa", "ở", "à", "tuyển", "hoạch", "đồng"} {
		if !validSyllable(w) {
			t.Errorf("%q should be a Vietnamese syllable", w)
		}
	}
	for _, w := range []string{"fỹr", "ộtộ", "Straße", "cê", "kan", "gha", "tàt", "ngan̂", "über", "đ", "â", "C«ng"} {
		if validSyllable(w) {
			t.Errorf("%q should not be a Vietnamese syllable", w)
		}
	}
}

// TestDecodeBenchCP1258 reads the synthetic windows-1258 benchmark page.
func TestDecodeBenchCP1258(t *testing.T) {
	raw, err := os.ReadFile("../../shared/data/extraction-bench/vi-synthetic/html/vi03-modern-cp1258.html")
	if err != nil {
		t.Skipf("benchmark page absent: %v", err)
	}
	text, path, err := Decode(raw, "")
	if err != nil {
		t.Fatal(err)
	}
	if path != "meta:windows-1258" {
		t.Errorf("path = %q, want meta:windows-1258", path)
	}
	for _, want := range []string{"Công đoàn huyện Minh Sơn tổng kết công tác năm 2021",
		"triển khai nhiệm vụ năm 2022", "CÔNG ĐOÀN HUYỆN MINH SƠN", "tổ chức hội nghị"} {
		if !strings.Contains(text, want) {
			t.Errorf("decoded page lacks %q", want)
		}
	}
}

// TestDecodeTrafilaturaEval decodes the 990 pages of trafilatura's
// evaluation set (original encodings, many languages): none may be taken
// for a legacy Vietnamese font.
func TestDecodeTrafilaturaEval(t *testing.T) {
	files, _ := filepath.Glob("../../shared/data/extraction-bench/trafilatura-eval/html/*.gz")
	if len(files) == 0 {
		t.Skip("trafilatura-eval pages absent")
	}
	if testing.Short() {
		t.Skip("short mode")
	}
	counts := map[string]int{}
	type nearMiss struct {
		name                                  string
		n, asis, tcvn, vni, tcvnHigh, vniHigh int
		ratio                                 float64
	}
	var misses []nearMiss
	var elapsed time.Duration
	for _, f := range files {
		raw, err := readGzip(f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		start := time.Now()
		text, path, err := Decode(raw, "")
		if err != nil {
			counts["error:"+err.Error()]++
			continue
		}
		counts[path]++
		elapsed += time.Since(start)
		st := scoreText(text)
		if best := max(st.tcvn, st.vni); best > 0 {
			misses = append(misses, nearMiss{filepath.Base(f), st.n, st.asis, st.tcvn, st.vni,
				st.tcvnBytes.count(), st.vniBytes.count(), float64(best) / float64(st.n)})
		}
		if strings.Contains(path, "repaired") {
			t.Errorf("%s: legacy-font false positive, path %q", filepath.Base(f), path)
		}
		if !utf8.ValidString(text) {
			t.Errorf("%s: invalid UTF-8 out", filepath.Base(f))
		}
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%5d %s", counts[k], k)
	}
	t.Logf("%d pages decoded in %v", len(files), elapsed)
	// The pages nearest to a false positive (legacy words / non-ASCII words).
	sort.Slice(misses, func(i, j int) bool { return misses[i].ratio > misses[j].ratio })
	for i := 0; i < len(misses) && i < 5; i++ {
		m := misses[i]
		t.Logf("nearest: %.3f n=%d asis=%d tcvn=%d (%d bytes) vni=%d (%d bytes) %s",
			m.ratio, m.n, m.asis, m.tcvn, m.tcvnHigh, m.vni, m.vniHigh, m.name)
	}
}

func readGzip(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(io.LimitReader(zr, 64<<20))
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(viSample), "")
	f.Add([]byte(norm.NFD.String(viSample)), "")
	f.Add([]byte("\xef\xbb\xbfCông\r\nđoàn"), "text/html; charset=utf-8")
	f.Add([]byte("\xff\xfeC\x00\xf4\x00n\x00g\x00"), "")
	f.Add([]byte(`<meta charset="windows-1258"><p>C`+"\xf4ng \xf0oa\xccn"), "")
	f.Add([]byte(`<?xml version="1.0" encoding="iso-8859-1"?><a>`+"\xe9t\xe9"), "")
	f.Add([]byte("C\xabng \xaeo\xb5n huy\xd6n Minh S\xacn \xa7O\x80N"), "")
	f.Add([]byte("Co\xe2ng \xf1oa\xf8n huye\xe4n ng\xf6\xf4\xf8i"), "text/html; charset=iso-8859-1")
	f.Add([]byte("Co\u00e2ng \u00f1oa\u00f8n huye\u00e4n"), "")
	f.Add([]byte("\x89PNG\r\n\x1a\n"), "")
	f.Add([]byte("a\x01\x13b \x93x\x94"), "text/plain; charset=\"tcvn\"")
	f.Fuzz(func(t *testing.T, raw []byte, ct string) {
		text, path, err := Decode(raw, ct)
		if err != nil {
			if text != "" || path != "" {
				t.Fatalf("error %v with results %q %q", err, text, path)
			}
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrBinary) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if text == "" || path == "" {
			t.Fatalf("empty result without error: %q %q", text, path)
		}
		if !utf8.ValidString(text) {
			t.Fatalf("invalid UTF-8 out: %q", text)
		}
		if !norm.NFC.IsNormalString(text) {
			t.Fatalf("not NFC: %q", text)
		}
		if strings.Contains(text, "\r") {
			t.Fatalf("CR left: %q", text)
		}
		if bytes.HasPrefix([]byte(text), []byte("\xef\xbb\xbf")) {
			t.Fatalf("BOM left: %q", text)
		}
	})
}

// BenchmarkDecode decodes the first 200 pages of trafilatura's set.
func BenchmarkDecode(b *testing.B) {
	files, _ := filepath.Glob("../../shared/data/extraction-bench/trafilatura-eval/html/*.gz")
	if len(files) == 0 {
		b.Skip("trafilatura-eval pages absent")
	}
	if len(files) > 200 {
		files = files[:200]
	}
	var pages [][]byte
	size := 0
	for _, f := range files {
		raw, err := readGzip(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, raw)
		size += len(raw)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range pages {
			if _, _, err := Decode(p, ""); err != nil && !errors.Is(err, ErrBinary) {
				b.Fatal(err)
			}
		}
	}
}

// TestDecodeVietnameseCorpus: genuine Vietnamese Unicode pages and texts
// (vi-html, every 10th file of vi-news) are never taken for a legacy font
// or double encoding; the double-encoded crawl files are repaired.
func TestDecodeVietnameseCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	counts := map[string]int{}
	n := 0
	for _, dir := range []string{"../../shared/data/vi-html", "../../shared/data/vi-news"} {
		k := 0
		filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return nil
			}
			if k++; strings.HasSuffix(dir, "vi-news") && k%10 != 0 {
				return nil
			}
			raw, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			n++
			_, path, err := Decode(raw, "")
			if err != nil {
				path = "error"
			}
			counts[path]++
			// The tranco crawl's raw/ files are known double-encoded
			// UTF-8 (see that folder's README): they must be repaired,
			// and everything else left alone.
			doubled := strings.Contains(filepath.ToSlash(p), "tranco-crawl-obfuscation-automation/raw/")
			switch {
			case doubled && path != "utf-8+double-encoding-repaired":
				t.Errorf("%s: double encoding not repaired, path %q", p, path)
			case !doubled && strings.Contains(path, "repaired"):
				t.Errorf("%s: false positive repair, path %q", p, path)
			}
			return nil
		})
	}
	if n == 0 {
		t.Skip("Vietnamese corpus absent")
	}
	t.Logf("%d files: %v", n, counts)
}
