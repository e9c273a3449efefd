package extract

import (
	"strings"
	"testing"
)

func TestParseRulesErrors(t *testing.T) {
	tests := []struct{ name, json, want string }{
		{"not json", `{"sites": [`, "rules:"},
		{"unknown field", `{"sites": [{"host": "a.vn", "bodi": "div"}]}`, "unknown field"},
		{"no host", `{"sites": [{"body": "div"}]}`, "site 1 has no host"},
		{"bad selector", `{"sites": [{"host": "a.vn", "body": "div[["}]}`, `site a.vn: body selector "div[["`},
		{"bad drop selector", `{"sites": [{"host": "a.vn", "drop": ["ok", ">>"]}]}`, "drop[1]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseRules([]byte(tc.json))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestRulesForHost(t *testing.T) {
	r, err := ParseRules([]byte(`{"sites": [{"host": "laodong.vn", "body": "div.a"}, {"host": "News.LaoDong.vn", "body": "div.b"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	for host, want := range map[string]string{
		"laodong.vn": "div.a", "www.laodong.vn": "div.a", "news.laodong.vn": "div.b",
		"m.news.laodong.vn": "div.b", "notlaodong.vn": "", "": "",
	} {
		got := ""
		if s := r.forHost(host); s != nil {
			got = s.Body
		}
		if got != want {
			t.Errorf("forHost(%q) body = %q, want %q", host, got, want)
		}
	}
}

// TestSiteRuleApplied checks that a site's selectors win over the generic
// rules, found by the page URL or, for a saved file, its canonical link.
func TestSiteRuleApplied(t *testing.T) {
	rules, err := ParseRules([]byte(`{"sites": [{"host": "congdoan.example.vn",
		"title": "div.tieude", "body": "div.bai", "published": "span.ngay", "author": "p.tg",
		"drop": ["div.bai div.quangcao"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	html := page2(`<title>Trang công đoàn</title>`, `<div class="tieude">Công đoàn trao quà Tết</div>
<span class="ngay">Thứ Tư, ngày 9 tháng 2 năm 2022 - 09:00</span>
<div class="bai"><p>Ngắn gọn: 50 suất quà.</p><div class="quangcao">Quảng cáo 100 triệu đồng</div></div>
<div class="khac"><p>`+para+`</p><p>`+para+` Thêm.</p></div><p class="tg">Bài và ảnh: Minh Anh</p>`)
	for _, tc := range []struct{ name, url, html string }{
		{"by URL", "https://congdoan.example.vn/tin/1.html", html},
		{"by canonical link", "saved.html", strings.Replace(html, "<title>", `<link rel="canonical" href="https://congdoan.example.vn/tin/1.html"><title>`, 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := cleanHTML(tc.html, tc.url, rules)
			if p.Body != "Ngắn gọn: 50 suất quà." {
				t.Errorf("body %q", p.Body)
			}
			if p.Title != "Công đoàn trao quà Tết" || p.Author != "Minh Anh" || !strings.HasPrefix(p.Published, "2022-02-09") {
				t.Errorf("title %q author %q published %q", p.Title, p.Author, p.Published)
			}
		})
	}
	// Another host: the generic rules, which take the long text.
	p := cleanHTML(html, "https://other.example.vn/x", rules)
	if !strings.Contains(p.Body, "1.245 đoàn viên") {
		t.Errorf("generic rules not used for another host: %q", p.Body)
	}
}
