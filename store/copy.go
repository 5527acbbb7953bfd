package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Copy moves an office from one database to another (SQLite to PostgreSQL,
// back, or between two of a kind): every table of the schema, ids kept, in
// one transaction on the target, and then verified by a row count and a
// checksum per table computed on both sides. Both stores must be at the same
// schema version, and the target must hold no office data: Copy never writes
// over an office (point it at a new file or an empty database instead).
//
// The source is read in one snapshot, so a server may go on using it. A
// verification mismatch rolls the whole copy back: the target is left as it
// was, and the report says which tables differ.
//
// Not copied: schema_migrations (each side records its own migrations) and
// shift_changes (the feeds' log of changed shifts, which the target's
// triggers write as the shifts arrive; on PostgreSQL the copy turns the
// triggers off, see copyTriggers). roster_version is copied last, so
// the roster's version, the plans that name it and the feeds' ETags go on
// where the source left them.
func Copy(ctx context.Context, from, to *Store, opts CopyOptions) (*CopyReport, error) {
	if from == to {
		return nil, errors.New("store: copy: source and target are the same store")
	}
	rep := &CopyReport{Skipped: append([]string(nil), copySkipped...)}
	if err := copySameSchema(ctx, from, to, rep); err != nil {
		return rep, err
	}
	src, err := from.rdb.BeginTx(ctx, &sql.TxOptions{Isolation: from.snapshotIsolation(), ReadOnly: from.Backend() == "postgres"})
	if err != nil {
		return rep, fmt.Errorf("store: copy: read %s: %w", from.Redacted(), err)
	}
	defer src.Rollback()
	tables, err := copyPlan(ctx, from, src)
	if err != nil {
		return rep, err
	}
	var mismatch error
	err = to.write(ctx, func(tx *sql.Tx) error {
		dst, err := catalogueOf(ctx, to, tx)
		if err != nil {
			return err
		}
		if err := copyTargetEmpty(ctx, to, tx, tables); err != nil {
			return err
		}
		if err := to.copyTriggers(ctx, tx, tables, false); err != nil {
			return err
		}
		for _, t := range tables {
			row, err := copyTable(ctx, from, src, to, tx, t, dst[t.name], opts)
			if err != nil {
				return err
			}
			rep.Tables = append(rep.Tables, row)
		}
		if err := to.copyTriggers(ctx, tx, tables, true); err != nil {
			return err
		}
		if err := to.resetSequences(ctx, tx, tables); err != nil {
			return err
		}
		if mismatch = rep.mismatch(); mismatch != nil {
			return mismatch
		}
		return nil
	})
	if mismatch != nil {
		return rep, mismatch
	}
	if err != nil && !strings.HasPrefix(err.Error(), "store: copy") {
		err = fmt.Errorf("store: copy: write %s: %w", to.Redacted(), err)
	}
	if err != nil {
		return rep, err
	}
	rep.Copied = true
	return rep, nil
}

// CopyOptions tunes Copy.
type CopyOptions struct {
	// Progress, when set, is called after each table with its name and rows.
	Progress func(table string, rows int64)
}

// CopyReport is what Copy did and found.
type CopyReport struct {
	SchemaVersion int
	Tables        []CopyTable // in the order copied (parents before children)
	Skipped       []string    // tables the target writes itself
	Copied        bool        // committed on the target, every table verified
}

// CopyTable is one table's verification: the rows and the SHA-256 (hex) of
// the rows in primary key order, on the source and on the target.
type CopyTable struct {
	Name                   string
	SourceRows, TargetRows int64
	SourceSum, TargetSum   string
}

// OK says that the target holds exactly the source's rows.
func (t CopyTable) OK() bool {
	return t.SourceRows == t.TargetRows && t.SourceSum == t.TargetSum
}

// ErrCopyMismatch is returned (wrapped) when a copied table differs.
var ErrCopyMismatch = errors.New("store: copy: the target differs from the source")

func (r *CopyReport) mismatch() error {
	var bad []string
	for _, t := range r.Tables {
		if !t.OK() {
			bad = append(bad, t.Name)
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("%w in %s; nothing was written", ErrCopyMismatch, strings.Join(bad, ", "))
	}
	return nil
}

// copySkipped are the tables Copy leaves to the target (see Copy).
var copySkipped = []string{"schema_migrations", "shift_changes"}

// copyLast are the tables copied after all the others, replacing the row the
// migrations seeded: the triggers of the other tables write them.
var copyLast = []string{"roster_version"}

func copySameSchema(ctx context.Context, from, to *Store, rep *CopyReport) error {
	a, err := appliedMigrations(ctx, from)
	if err != nil {
		return err
	}
	b, err := appliedMigrations(ctx, to)
	if err != nil {
		return err
	}
	if strings.Join(a, ",") != strings.Join(b, ",") {
		return fmt.Errorf("store: copy: the schemas differ: source has migrations %s, target %s",
			strings.Join(a, ","), strings.Join(b, ","))
	}
	rep.SchemaVersion, err = from.SchemaVersion(ctx)
	return err
}

// appliedMigrations lists the migrations a store recorded, by number.
func appliedMigrations(ctx context.Context, s *Store) ([]string, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT version FROM schema_migrations ORDER BY version`)
	if err != nil {
		return nil, fmt.Errorf("store: copy: %s: %w", s.Redacted(), err)
	}
	defer rows.Close()
	var vs []string
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		vs = append(vs, strconv.FormatInt(v, 10))
	}
	return vs, rows.Err()
}

// copyTargetEmpty refuses a target that holds rows in any table Copy fills,
// other than the rows its migrations seeded (copyLast).
func copyTargetEmpty(ctx context.Context, to *Store, tx *sql.Tx, tables []*copyTableInfo) error {
	var full []string
	for _, t := range tables {
		if contains(copyLast, t.name) {
			continue
		}
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM `+quoteIdent(t.name)+` LIMIT 1`).Scan(&one)
		if err == nil {
			full = append(full, t.name)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	if len(full) > 0 {
		return fmt.Errorf("store: copy: the target %s already holds data (%s); copy into a new file or an empty database",
			to.Redacted(), strings.Join(full, ", "))
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// copyPlan is the source's tables to copy, parents before children and the
// copyLast tables at the end.
func copyPlan(ctx context.Context, from *Store, src *sql.Tx) ([]*copyTableInfo, error) {
	cat, err := catalogueOf(ctx, from, src)
	if err != nil {
		return nil, err
	}
	var names []string
	for n := range cat {
		if !contains(copySkipped, n) && !contains(copyLast, n) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var order []*copyTableInfo
	done := map[string]bool{}
	var visit func(n string, path []string) error
	visit = func(n string, path []string) error {
		if done[n] {
			return nil
		}
		if contains(path, n) {
			return fmt.Errorf("store: copy: the foreign keys of %s form a cycle", strings.Join(append(path, n), " → "))
		}
		t := cat[n]
		for _, p := range t.parents {
			if p != n && cat[p] != nil {
				if err := visit(p, append(path, n)); err != nil {
					return err
				}
			}
		}
		done[n] = true
		order = append(order, t)
		return nil
	}
	for _, n := range names {
		if err := visit(n, nil); err != nil {
			return nil, err
		}
	}
	for _, n := range copyLast {
		if cat[n] != nil {
			order = append(order, cat[n])
		}
	}
	return order, nil
}

// copyTable copies one table's rows from src to dst, hashing them on the way,
// then counts and hashes what the target holds.
func copyTable(ctx context.Context, from *Store, src *sql.Tx, to *Store, dst *sql.Tx, t, tt *copyTableInfo, opts CopyOptions) (CopyTable, error) {
	res := CopyTable{Name: t.name}
	if tt == nil {
		return res, fmt.Errorf("store: copy: the target has no table %s", t.name)
	}
	cols, err := tt.sameColumns(t)
	if err != nil {
		return res, err
	}
	if contains(copyLast, t.name) {
		if _, err := dst.ExecContext(ctx, `DELETE FROM `+quoteIdent(t.name)); err != nil {
			return res, fmt.Errorf("store: copy: %s: %w", t.name, err)
		}
	}
	ins := newCopyInserter(ctx, to, dst, tt, cols)
	h := sha256.New()
	res.SourceRows, err = scanTable(ctx, from, src, t, cols, func(vals []any) error {
		hashRow(h, vals, t.kinds(cols))
		return ins.add(vals)
	})
	if err != nil {
		return res, fmt.Errorf("store: copy: %s: %w", t.name, err)
	}
	if err := ins.flush(); err != nil {
		return res, fmt.Errorf("store: copy: %s: %w", t.name, err)
	}
	res.SourceSum = hex.EncodeToString(h.Sum(nil))
	res.TargetRows, res.TargetSum, err = tableSum(ctx, to, dst, tt, cols)
	if err != nil {
		return res, fmt.Errorf("store: copy: verify %s: %w", t.name, err)
	}
	if opts.Progress != nil {
		opts.Progress(t.name, res.SourceRows)
	}
	return res, nil
}

// Checksums counts and hashes every table Copy copies, as Copy does, in one
// snapshot of s: two stores with equal checksums hold the same office.
func Checksums(ctx context.Context, s *Store) (map[string]CopyTable, error) {
	tx, err := s.rdb.BeginTx(ctx, &sql.TxOptions{Isolation: s.snapshotIsolation(), ReadOnly: s.Backend() == "postgres"})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	tables, err := copyPlan(ctx, s, tx)
	if err != nil {
		return nil, err
	}
	out := map[string]CopyTable{}
	for _, t := range tables {
		n, sum, err := tableSum(ctx, s, tx, t, t.columnNames())
		if err != nil {
			return nil, fmt.Errorf("store: checksum %s: %w", t.name, err)
		}
		out[t.name] = CopyTable{Name: t.name, SourceRows: n, SourceSum: sum}
	}
	return out, nil
}

// tableSum is the number of rows of a table and the SHA-256 of its rows, in
// primary key order, of the columns cols.
func tableSum(ctx context.Context, s *Store, q queryer, t *copyTableInfo, cols []string) (int64, string, error) {
	h := sha256.New()
	kinds := t.kinds(cols)
	n, err := scanTable(ctx, s, q, t, cols, func(vals []any) error {
		hashRow(h, vals, kinds)
		return nil
	})
	return n, hex.EncodeToString(h.Sum(nil)), err
}

// scanTable reads a table's columns cols in primary key order (byte order for
// text, the same on both backends) and hands each row to fn.
func scanTable(ctx context.Context, s *Store, q queryer, t *copyTableInfo, cols []string, fn func([]any) error) (int64, error) {
	qc := make([]string, len(cols))
	for i, c := range cols {
		qc[i] = quoteIdent(c)
	}
	var order []string
	for _, c := range t.orderBy() {
		order = append(order, s.byteOrder(quoteIdent(c), t.kind(c)))
	}
	rows, err := q.QueryContext(ctx, `SELECT `+strings.Join(qc, ", ")+` FROM `+quoteIdent(t.name)+
		` ORDER BY `+strings.Join(order, ", "))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var n int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		if err := fn(vals); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// hashRow writes one row to h, each value normalised so that both backends
// write the same bytes for the same value: NULL, an integer in decimal (a
// boolean as 0 or 1), a float in shortest form, text and bytes as their
// length and bytes (the two are one kind: SQLite keeps hashes as BLOB, and
// the drivers disagree on which of them a column scans as), an instant as
// its RFC 3339 UTC text (as SQLite stores it) and a date as yyyy-mm-dd.
func hashRow(h hash.Hash, vals []any, kinds []colKind) {
	var buf []byte
	for i, v := range vals {
		buf = appendValue(buf[:0], v, kinds[i])
		h.Write(buf)
	}
	h.Write([]byte{'\n'})
}

func appendValue(b []byte, v any, k colKind) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, 'N')
	case int64:
		return strconv.AppendInt(append(b, 'I'), x, 10)
	case int32:
		return strconv.AppendInt(append(b, 'I'), int64(x), 10)
	case int:
		return strconv.AppendInt(append(b, 'I'), int64(x), 10)
	case bool:
		if x {
			return append(b, 'I', '1')
		}
		return append(b, 'I', '0')
	case float64:
		return strconv.AppendFloat(append(b, 'F'), x, 'g', -1, 64)
	case string:
		return appendBytes(b, []byte(x))
	case []byte:
		return appendBytes(b, x)
	case time.Time:
		if k == kindDate {
			return appendBytes(b, []byte(x.Format("2006-01-02")))
		}
		return appendBytes(b, []byte(x.UTC().Format(time.RFC3339Nano)))
	}
	return appendBytes(b, []byte(fmt.Sprint(v)))
}

func appendBytes(b, x []byte) []byte {
	b = strconv.AppendInt(append(b, 'B'), int64(len(x)), 10)
	b = append(b, ':')
	return append(b, x...)
}
