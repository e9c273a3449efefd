package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tinso/tinso/corpus/sqlite"
)

// seedsDir holds the project's five sample pages (text dumps).
const seedsDir = "../../extract/testdata/seeds"

// baomoiSample is issue 4's acceptance sample, read in place.
const baomoiSample = "../../../shared/data/vi-news/baomoi-magizbox/sample-every4th"

// rowCounts counts the rows of every table.
func rowCounts(t *testing.T, data string) map[string]int {
	t.Helper()
	s, err := sqlite.Open(context.Background(), data, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out := map[string]int{}
	for _, tbl := range []string{"documents", "articles", "figures"} {
		var n int
		if err := s.DB().QueryRow(`SELECT count(*) FROM ` + tbl).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[tbl] = n
	}
	return out
}

func ingestJSON(t *testing.T, args ...string) ingestReport {
	t.Helper()
	out, errs, code := run(t, "", append([]string{"ingest", "--json"}, args...)...)
	if code != exitOK {
		t.Fatalf("ingest %v: exit %d\n%s%s", args, code, out, errs)
	}
	var rep ingestReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("summary %q: %v", out, err)
	}
	return rep
}

func TestIngestIdempotent(t *testing.T) {
	data := t.TempDir()
	first := ingestJSON(t, "--data", data, seedsDir)
	if first.New != 5 || first.Failed != 0 {
		t.Fatalf("first run: %+v", first.RunCounts)
	}
	before := rowCounts(t, data)
	again := ingestJSON(t, "--data", data, seedsDir)
	if again.New != 0 || again.Updated != 0 || again.Unchanged != 5 {
		t.Errorf("second run: %+v, want all unchanged", again.RunCounts)
	}
	if after := rowCounts(t, data); !mapsEqual(before, after) {
		t.Errorf("row counts changed: %v → %v", before, after)
	}
	// reextract --all redoes every article, and changes no counts.
	out, errs, code := run(t, "", "reextract", "--all", "--json", "--data", data)
	if code != exitOK || !strings.Contains(out, `"unchanged":5`) {
		t.Errorf("reextract: exit %d\n%s%s", code, out, errs)
	}
	out, _, _ = run(t, "", "reextract", "--data", data)
	if !strings.Contains(out, "0 updated") {
		t.Errorf("reextract with nothing older: %s", out)
	}
	if after := rowCounts(t, data); !mapsEqual(before, after) {
		t.Errorf("row counts changed by reextract: %v → %v", before, after)
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// checkStatsEqualFigures compares tinso stats with the sums of the rows
// tinso figures lists, under the same filters.
func checkStatsEqualFigures(t *testing.T, data string) {
	t.Helper()
	filters := [][]string{
		nil,
		{"--kind", "money"},
		{"--kind", "count", "--category", "members"},
		{"--from", "2021", "--to", "2022"},
		{"--kind", "money", "--min", "1e9"},
		{"--kind", "percent", "--max", "50"},
	}
	for _, f := range filters {
		out, errs, code := run(t, "", append([]string{"figures", "--json", "--data", data}, f...)...)
		if code != exitOK {
			t.Fatalf("figures %v: %d %s", f, code, errs)
		}
		type key struct{ kind, site, year string }
		want := map[key]float64{}
		wantN := map[key]int64{}
		sc := bufio.NewScanner(strings.NewReader(out))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var r struct {
				Kind      string          `json:"kind"`
				Value     json.RawMessage `json:"value"`
				Site      *string         `json:"site"`
				Published *string         `json:"published"`
			}
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
			k := key{kind: r.Kind}
			if r.Site != nil {
				k.site = *r.Site
			}
			if r.Published != nil && len(*r.Published) >= 4 {
				k.year = (*r.Published)[:4]
			}
			var v float64
			if json.Unmarshal(r.Value, &v) == nil {
				want[k] += v
			}
			wantN[k]++
		}
		out, errs, code = run(t, "", append([]string{"stats", "--json", "--by", "site,year", "--data", data}, f...)...)
		if code != exitOK {
			t.Fatalf("stats %v: %d %s", f, code, errs)
		}
		got := map[key]float64{}
		gotN := map[key]int64{}
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			if line == "" {
				continue
			}
			var r struct {
				Kind    string  `json:"kind"`
				Site    string  `json:"site"`
				Year    string  `json:"year"`
				Figures int64   `json:"figures"`
				Sum     float64 `json:"sum"`
			}
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				t.Fatal(err)
			}
			k := key{r.Kind, r.Site, r.Year}
			got[k] += r.Sum
			gotN[k] += r.Figures
		}
		if len(gotN) != len(wantN) {
			t.Errorf("filter %v: %d groups in stats, %d in figures", f, len(gotN), len(wantN))
		}
		for k, n := range wantN {
			if gotN[k] != n || math.Abs(got[k]-want[k]) > 1e-9*math.Max(1, math.Abs(want[k])) {
				t.Errorf("filter %v group %+v: stats %d figures sum %v; figures lists %d sum %v", f, k, gotN[k], got[k], n, want[k])
			}
		}
	}
}

func TestStatsEqualFiguresSeeds(t *testing.T) {
	data := t.TempDir()
	ingestJSON(t, "--data", data, seedsDir)
	checkStatsEqualFigures(t, data)
}

// TestStatsEqualFiguresBaomoi runs the same check on the 8,860-document
// sample (about 20 s).
func TestStatsEqualFiguresBaomoi(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	if _, err := os.Stat(baomoiSample); err != nil {
		t.Skip("shared data not present")
	}
	data := t.TempDir()
	rep := ingestJSON(t, "--data", data, seedsDir, baomoiSample)
	if rep.New < 8000 {
		t.Fatalf("only %d new", rep.New)
	}
	checkStatsEqualFigures(t, data)
}

// TestReadmeQueries runs every SQL block of the README, as written,
// against a corpus of the seeds: they must run and return rows.
func TestReadmeQueries(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```sql\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	if len(blocks) < 2 {
		t.Fatalf("the README has %d SQL examples, want at least 2", len(blocks))
	}
	data := t.TempDir()
	ingestJSON(t, "--data", data, seedsDir)
	db, err := sql.Open("sqlite", filepath.Join(data, "corpus.db")+"?_pragma=query_only(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, b := range blocks {
		for _, q := range strings.Split(b[1], ";") {
			if strings.TrimSpace(stripSQLComments(q)) == "" {
				continue
			}
			rows, err := db.Query(q)
			if err != nil {
				t.Errorf("README query fails: %v\n%s", err, q)
				continue
			}
			n := 0
			for rows.Next() {
				n++
			}
			rows.Close()
			if n == 0 {
				t.Errorf("README query returns nothing on the seeds:\n%s", q)
			}
		}
	}
}

func stripSQLComments(q string) string {
	var b strings.Builder
	for _, l := range strings.Split(q, "\n") {
		if i := strings.Index(l, "--"); i >= 0 {
			l = l[:i]
		}
		b.WriteString(l)
	}
	return b.String()
}

func TestReadingCommands(t *testing.T) {
	data := t.TempDir()
	ingestJSON(t, "--data", data, seedsDir)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"show", "1"}, exitOK, "figures"},
		{[]string{"show", "--json", "2"}, exitOK, `"id":2`},
		{[]string{"show", "999"}, exitFailure, "no article"},
		{[]string{"figures", "--kind", "money", "--csv"}, exitOK, "\ufeffarticle_id,site"},
		{[]string{"figures", "--kind", "cash"}, exitUsage, "not a kind"},
		{[]string{"figures", "--min", "lots"}, exitUsage, "not a number"},
		{[]string{"figures", "--from", "March"}, exitUsage, "not a date"},
		{[]string{"stats", "--by", "site,decade"}, exitUsage, "group by"},
		{[]string{"stats", "--by", "kind"}, exitOK, "money"},
		{[]string{"failures"}, exitOK, ""},
	}
	for _, c := range cases {
		out, errs, code := run(t, "", append(c.args, "--data", data)...)
		if code != c.code || !strings.Contains(out+errs, c.want) {
			t.Errorf("%v: exit %d (want %d), output lacks %q:\n%s%s", c.args, code, c.code, c.want, out, errs)
		}
	}
	// A reading command on an empty data directory says what to run.
	_, errs, code := run(t, "", "figures", "--data", t.TempDir())
	if code != exitFailure || !strings.Contains(errs, "tinso ingest") {
		t.Errorf("empty data dir: exit %d, %s", code, errs)
	}
}

func TestIngestFailuresExitCode(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "good.txt", []byte(sample))
	writeFile(t, dir, "empty.txt", nil)
	// A 50 MB file is refused by its size, before it is read.
	big, err := os.Create(filepath.Join(dir, "dump.html"))
	if err != nil {
		t.Fatal(err)
	}
	big.Truncate(50 << 20)
	big.Close()
	data := t.TempDir()
	out, errs, code := run(t, "", "ingest", "--data", data, dir)
	if code != exitSomeFailed {
		t.Fatalf("exit %d, want %d\n%s%s", code, exitSomeFailed, out, errs)
	}
	if !strings.Contains(errs, "empty.txt") || !strings.Contains(errs, "dump.html: read: document too large: larger than 16 MiB") ||
		!strings.Contains(out, "1 new") || !strings.Contains(out, "2 failed") {
		t.Errorf("summary:\n%s%s", out, errs)
	}
	out, _, _ = run(t, "", "failures", "--json", "--data", data)
	if !strings.Contains(out, "empty.txt") {
		t.Errorf("failures lists: %s", out)
	}
}
