package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestSearchCommand(t *testing.T) {
	data := t.TempDir()
	ingestJSON(t, "--data", data, seedsDir)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"search", "mai am cong doan"}, exitOK, "articles match"},
		{[]string{"search", "--json", "--limit", "1", "đoàn viên"}, exitOK, `"id":`},
		{[]string{"search", "--json", "--facets", "kind", "cong doan"}, exitOK, `"facets":{"kind":[`},
		{[]string{"search", "--kind", "money", "--min", "1e9", "--json", "cong doan"}, exitOK, `"kind":"money"`},
		{[]string{"search", "xyzzyq", "--from", "2021"}, exitOK, "No article matches"},
		{[]string{"search", `"unbalanced`}, exitUsage, "unbalanced quote"},
		{[]string{"search", "--min", "many", "x"}, exitUsage, "not a number"},
		{[]string{"search", "--sort", "size", "x"}, exitUsage, "relevance or date"},
	}
	for _, c := range cases {
		out, errs, code := run(t, "", append(c.args, "--data", data)...)
		if code != c.code || !strings.Contains(out+errs, c.want) {
			t.Errorf("%v: exit %d (want %d), output lacks %q:\n%s%s", c.args, code, c.code, c.want, out, errs)
		}
	}
	// Every --json line is an object with the documented fields.
	out, _, _ := run(t, "", "search", "--json", "cong doan", "--data", data)
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var h map[string]any
		if err := json.Unmarshal([]byte(line), &h); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		for _, k := range []string{"id", "score", "title", "site", "published", "snippet", "figures"} {
			if _, ok := h[k]; !ok {
				t.Errorf("hit lacks %q: %s", k, line)
			}
		}
	}
	// An empty data directory says what to run first.
	_, errs, code := run(t, "", "search", "x", "--data", t.TempDir())
	if code != exitFailure || !strings.Contains(errs, "tinso ingest") {
		t.Errorf("empty data dir: exit %d, %s", code, errs)
	}
}

// TestSearchWhileIngesting runs searches while another process ingests
// into the same data directory: each search answers or says the index is
// busy; none fails with bleve's raw lock error.
func TestSearchWhileIngesting(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	if _, err := os.Stat(baomoiSample); err != nil {
		t.Skip("shared data not present")
	}
	bin := buildTinso(t)
	data := t.TempDir()
	if out, err := exec.Command(bin, "ingest", "--data", data, seedsDir).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	ing := exec.Command(bin, "ingest", "--data", data, "--no-progress", baomoiSample)
	if err := ing.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { ing.Process.Kill(); ing.Wait() }()
	answered := 0
	for i := range 8 {
		time.Sleep(500 * time.Millisecond)
		out, err := exec.Command(bin, "search", "--data", data, "cong doan").CombinedOutput()
		s := string(out)
		switch {
		case err == nil:
			answered++
		case strings.Contains(s, "index is busy"):
			t.Logf("search %d: busy (allowed): %s", i, strings.TrimSpace(s))
		default:
			t.Errorf("search %d during ingest: %v\n%s", i, err, s)
		}
	}
	if answered == 0 {
		t.Errorf("no search answered during the ingest")
	}
}
