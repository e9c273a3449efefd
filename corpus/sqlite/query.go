package sqlite

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tinso/tinso/corpus"
)

// Article returns one stored article by numeric id or by URL.
func (s *Store) Article(ctx context.Context, idOrURL string) (corpus.StoredArticle, error) {
	where, arg := `a.url = ?`, any(idOrURL)
	if id, err := strconv.ParseInt(idOrURL, 10, 64); err == nil {
		where, arg = `a.id = ?`, id
	} else if !strings.Contains(idOrURL, "://") {
		where = `a.source = ?`
	}
	var sa corpus.StoredArticle
	var url, site, title, pub, author, decoding, problems sql.NullString
	var fetched sql.NullString
	err := s.db.QueryRowContext(ctx, `
SELECT a.id, a.source, a.url, a.site, a.title, a.published, a.author, a.body, a.decoding, a.problems,
       a.extractor_version, d.fetched_at
FROM articles a JOIN documents d ON d.id = a.document_id
WHERE `+where+` ORDER BY a.id DESC LIMIT 1`, arg).Scan(&sa.ID, &sa.Article.Source, &url, &site, &title, &pub,
		&author, &sa.Article.Body, &decoding, &problems, &sa.ExtractorVersion, &fetched)
	if errors.Is(err, sql.ErrNoRows) {
		return sa, fmt.Errorf("article %s: %w", idOrURL, corpus.ErrNotFound)
	}
	if err != nil {
		return sa, fmt.Errorf("article %s: %w", idOrURL, err)
	}
	a := &sa.Article
	sa.URL, a.Site, a.Title, a.Published, a.Author, a.Decoding = url.String, site.String, title.String, pub.String, author.String, decoding.String
	a.IsArticle = true
	sa.FetchedAt = scanTime(fetched)
	if problems.Valid {
		if err := json.Unmarshal([]byte(problems.String), &a.Problems); err != nil {
			return sa, fmt.Errorf("article %s: problems: %w", idOrURL, err)
		}
	}
	err = s.figures(ctx, corpus.FigureFilter{}, func(r corpus.FigureRow) error {
		a.Figures = append(a.Figures, r.Figure)
		return nil
	}, sa.ID)
	return sa, err
}

// filterSQL turns a filter into a WHERE clause over figures f joined with
// articles a. Shared by Figures and Stats, so that their totals agree.
func filterSQL(f corpus.FigureFilter, articleIDs []int64) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, arg any) {
		conds = append(conds, cond)
		args = append(args, arg)
	}
	if f.Site != "" {
		add(`(a.site = ? OR a.site LIKE ?)`, f.Site)
		args = append(args, "%."+f.Site)
	}
	if f.Kind != "" {
		add(`f.kind = ?`, string(f.Kind))
	}
	if f.Category != "" {
		add(`f.category = ?`, f.Category)
	}
	if f.From != "" {
		add(`a.published >= ?`, f.From)
	}
	if f.To != "" {
		// "2021" as an upper bound means through the end of 2021: compare
		// against the bound padded with the highest character.
		add(`a.published <= ?`, f.To+"\uffff")
	}
	if f.Min != nil {
		add(`typeof(f.value) IN ('integer', 'real') AND f.value >= ?`, *f.Min)
	}
	if f.Max != nil {
		add(`typeof(f.value) IN ('integer', 'real') AND f.value <= ?`, *f.Max)
	}
	if len(articleIDs) > 0 {
		conds = append(conds, `f.article_id IN (?`+strings.Repeat(`, ?`, len(articleIDs)-1)+`)`)
		for _, id := range articleIDs {
			args = append(args, id)
		}
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// Figures walks the figures that pass the filter.
func (s *Store) Figures(ctx context.Context, f corpus.FigureFilter, fn func(corpus.FigureRow) error) error {
	return s.figures(ctx, f, fn)
}

// figures walks the figures that pass the filter, of the given articles
// only when ids are given.
func (s *Store) figures(ctx context.Context, f corpus.FigureFilter, fn func(corpus.FigureRow) error, articleIDs ...int64) error {
	where, args := filterSQL(f, articleIDs)
	rows, err := s.db.QueryContext(ctx, `
SELECT f.article_id, a.source, a.url, a.site, a.title, a.published,
       f.kind, f.value, f.unit, f.category, f.approx, f.min, f.max, f.num, f.den, f.per,
       f.text, f.start, f."end", f.sentence
FROM figures f JOIN articles a ON a.id = f.article_id`+where+`
ORDER BY f.article_id, f.seq`, args...)
	if err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r corpus.FigureRow
		var url, site, title, pub, unit, cat, approx, per, sentence sql.NullString
		var value, min, max, num, den any
		var kind string
		fig := &r.Figure
		if err := rows.Scan(&r.ArticleID, &r.Source, &url, &site, &title, &pub,
			&kind, &value, &unit, &cat, &approx, &min, &max, &num, &den, &per,
			&fig.Text, &fig.Start, &fig.End, &sentence); err != nil {
			return fmt.Errorf("figures: %w", err)
		}
		r.URL, r.Site, r.Title, r.Published = url.String, site.String, title.String, pub.String
		fig.Kind, fig.Unit, fig.Category, fig.Approx = corpus.Kind(kind), unit.String, cat.String, corpus.Approx(approx.String)
		fig.Per, fig.Sentence = per.String, sentence.String
		if fig.Kind == corpus.Date {
			fig.Value.Date = fmt.Sprint(value)
		} else if d, ok := decimal(value); ok {
			fig.Value.Num = d
		}
		fig.Min, fig.Max, fig.Num, fig.Den = optDecimal(min), optDecimal(max), optDecimal(num), optDecimal(den)
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// decimal reads a stored number back exactly: integers are exact, and a
// real prints back as the shortest decimal that round-trips, which is the
// decimal that was stored.
func decimal(v any) (corpus.Decimal, bool) {
	switch x := v.(type) {
	case int64:
		return corpus.Int(x), true
	case float64:
		d, err := corpus.ParseDecimal(strconv.FormatFloat(x, 'f', -1, 64))
		return d, err == nil
	case string:
		d, err := corpus.ParseDecimal(x)
		return d, err == nil
	case []byte:
		d, err := corpus.ParseDecimal(string(x))
		return d, err == nil
	}
	return corpus.Decimal{}, false
}

func optDecimal(v any) *corpus.Decimal {
	if v == nil {
		return nil
	}
	d, ok := decimal(v)
	if !ok {
		return nil
	}
	return &d
}

// statKey is the SQL expression of each grouping.
var statKey = map[corpus.StatGroup]string{
	corpus.BySite:     `coalesce(a.site, '')`,
	corpus.ByYear:     `coalesce(substr(a.published, 1, 4), '')`,
	corpus.ByMonth:    `coalesce(substr(a.published, 1, 7), '')`,
	corpus.ByKind:     `f.kind`,
	corpus.ByCategory: `coalesce(f.category, '')`,
}

// Stats groups the figures that pass the filter. Groups are always split
// by kind, and money by currency (unit), so that no sum adds đồng to
// percents or to dollars.
func (s *Store) Stats(ctx context.Context, f corpus.FigureFilter, by []corpus.StatGroup) ([]corpus.StatRow, error) {
	var keys []string
	for _, g := range by {
		e, ok := statKey[g]
		if !ok {
			return nil, fmt.Errorf("stats: cannot group by %q (site, year, month, kind, category)", g)
		}
		keys = append(keys, e)
	}
	keys = append(keys, `f.kind`, `CASE WHEN f.kind = 'money' THEN coalesce(f.unit, '') ELSE '' END`)
	where, args := filterSQL(f, nil)
	sum := `sum(CASE WHEN typeof(f.value) IN ('integer', 'real') THEN f.value END)`
	q := `SELECT ` + strings.Join(keys, ", ") + `, count(*), coalesce(` + sum + `, 0), count(DISTINCT f.article_id)
FROM figures f JOIN articles a ON a.id = f.article_id` + where + `
GROUP BY ` + strings.Join(keys, ", ") + ` ORDER BY ` + strings.Join(keys, ", ")
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	defer rows.Close()
	var out []corpus.StatRow
	for rows.Next() {
		vals := make([]string, len(by))
		var r corpus.StatRow
		var kind string
		dest := make([]any, 0, len(by)+5)
		for i := range vals {
			dest = append(dest, &vals[i])
		}
		dest = append(dest, &kind, &r.Unit, &r.Count, &r.Sum, &r.Articles)
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("stats: %w", err)
		}
		r.Keys, r.Kind = vals, corpus.Kind(kind)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Raw walks stored documents for re-extraction: those whose article was
// extracted by another version (or that have none), or all of them.
func (s *Store) Raw(ctx context.Context, version string, all bool, fn func(corpus.Reextraction) error) error {
	// Collect ids first: fn writes to the store, and an open read
	// cursor would hold an old snapshot meanwhile.
	q := `SELECT d.id FROM documents d LEFT JOIN articles a ON a.document_id = d.id`
	var args []any
	if !all {
		q += ` WHERE a.extractor_version IS NULL OR a.extractor_version <> ?`
		args = append(args, version)
	}
	ids, err := s.ids(ctx, q+` ORDER BY d.id`, args...)
	if err != nil {
		return fmt.Errorf("reextract: %w", err)
	}
	for _, id := range ids {
		var r corpus.Reextraction
		var url, site, ctype, fetched, etag, lm sql.NullString
		var status sql.NullInt64
		var raw []byte
		err := s.db.QueryRowContext(ctx, `
SELECT id, source, url, site, content_type, fetched_at, status, etag, last_modified, hash, raw
FROM documents WHERE id = ?`, id).Scan(&r.DocumentID, &r.Doc.Source, &url, &site, &ctype, &fetched, &status,
			&etag, &lm, &r.Hash, &raw)
		if err != nil {
			return fmt.Errorf("reextract document %d: %w", id, err)
		}
		d := &r.Doc
		d.URL, d.Site, d.ContentType, d.ETag, d.LastModified = url.String, site.String, ctype.String, etag.String, lm.String
		d.Status, d.FetchedAt = int(status.Int64), scanTime(fetched)
		if d.Raw, err = decompress(raw); err != nil {
			return fmt.Errorf("reextract document %d (%s): %w", id, d.Source, err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// Articles walks every stored article.
func (s *Store) Articles(ctx context.Context, fn func(id int64, a corpus.Article) error) error {
	ids, err := s.ids(ctx, `SELECT id FROM articles ORDER BY id`)
	if err != nil {
		return fmt.Errorf("articles: %w", err)
	}
	for _, id := range ids {
		sa, err := s.Article(ctx, strconv.FormatInt(id, 10))
		if errors.Is(err, corpus.ErrNotFound) {
			continue // deleted meanwhile
		}
		if err != nil {
			return err
		}
		if err := fn(id, sa.Article); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) ids(ctx context.Context, q string, args ...any) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func decompress(z []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		return nil, fmt.Errorf("stored raw bytes: %w", err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("stored raw bytes: %w", err)
	}
	return b, nil
}
