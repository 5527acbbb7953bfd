package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// colKind is what a column holds, as far as Copy cares: how to order it, how
// to hand a value from the other backend to it, and how to hash it.
type colKind int

const (
	kindOther colKind = iota
	kindInt
	kindText
	kindBytes
	kindBool
	kindFloat
	kindTime // an instant (PostgreSQL timestamptz)
	kindDate // a calendar date (PostgreSQL date)
)

// copyColumn is one column of a table.
type copyColumn struct {
	name     string
	kind     colKind
	identity bool // PostgreSQL: GENERATED ALWAYS AS IDENTITY
	pk       int  // position in the primary key, from 1; 0 when not in it
}

// copyTableInfo is one table of a store's schema.
type copyTableInfo struct {
	name    string
	cols    []copyColumn // in the table's order
	parents []string     // the tables its foreign keys reference
}

func (t *copyTableInfo) columnNames() []string {
	out := make([]string, len(t.cols))
	for i, c := range t.cols {
		out[i] = c.name
	}
	return out
}

func (t *copyTableInfo) column(name string) *copyColumn {
	for i := range t.cols {
		if t.cols[i].name == name {
			return &t.cols[i]
		}
	}
	return nil
}

func (t *copyTableInfo) kind(name string) colKind {
	if c := t.column(name); c != nil {
		return c.kind
	}
	return kindOther
}

func (t *copyTableInfo) kinds(cols []string) []colKind {
	out := make([]colKind, len(cols))
	for i, c := range cols {
		out[i] = t.kind(c)
	}
	return out
}

// orderBy is the primary key's columns in key order, or every column when
// the table has none.
func (t *copyTableInfo) orderBy() []string {
	var pk []copyColumn
	for _, c := range t.cols {
		if c.pk > 0 {
			pk = append(pk, c)
		}
	}
	if len(pk) == 0 {
		return t.columnNames()
	}
	out := make([]string, len(pk))
	for _, c := range pk {
		out[c.pk-1] = c.name
	}
	return out
}

// sameColumns is the source's columns (in the source's order) when the
// target (t) has exactly the same set, an error naming the difference else.
func (t *copyTableInfo) sameColumns(src *copyTableInfo) ([]string, error) {
	var missing, extra []string
	for _, c := range src.cols {
		if t.column(c.name) == nil {
			missing = append(missing, c.name)
		}
	}
	for _, c := range t.cols {
		if src.column(c.name) == nil {
			extra = append(extra, c.name)
		}
	}
	if len(missing)+len(extra) > 0 {
		return nil, fmt.Errorf("store: copy: table %s: the target lacks columns [%s] and has others [%s]",
			t.name, strings.Join(missing, " "), strings.Join(extra, " "))
	}
	return src.columnNames(), nil
}

// quoteIdent quotes a table or column name (the same on both backends).
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// catalogueOf reads the tables of s's schema, by name.
func catalogueOf(ctx context.Context, s *Store, q queryer) (map[string]*copyTableInfo, error) {
	if s.Backend() == "postgres" {
		return pgCatalogue(ctx, q)
	}
	return sqliteCatalogue(ctx, q)
}

func sqliteCatalogue(ctx context.Context, q queryer) (map[string]*copyTableInfo, error) {
	names, err := queryStrings(ctx, q, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: copy: list tables: %w", err)
	}
	cat := map[string]*copyTableInfo{}
	for _, n := range names {
		t := &copyTableInfo{name: n}
		rows, err := q.QueryContext(ctx, `SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid`, n)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var c copyColumn
			var typ string
			if err := rows.Scan(&c.name, &typ, &c.pk); err != nil {
				rows.Close()
				return nil, err
			}
			c.kind = sqliteKind(typ)
			t.cols = append(t.cols, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if t.parents, err = queryStrings(ctx, q, `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`, n); err != nil {
			return nil, err
		}
		cat[n] = t
	}
	return cat, nil
}

// sqliteKind is the kind of a declared SQLite column type (its affinity).
func sqliteKind(typ string) colKind {
	t := strings.ToUpper(typ)
	switch {
	case strings.Contains(t, "INT"):
		return kindInt
	case strings.Contains(t, "CHAR"), strings.Contains(t, "TEXT"), strings.Contains(t, "CLOB"):
		return kindText
	case strings.Contains(t, "BLOB"):
		return kindBytes
	case strings.Contains(t, "REAL"), strings.Contains(t, "FLOA"), strings.Contains(t, "DOUB"):
		return kindFloat
	}
	return kindOther
}

func pgCatalogue(ctx context.Context, q queryer) (map[string]*copyTableInfo, error) {
	names, err := queryStrings(ctx, q, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`)
	if err != nil {
		return nil, fmt.Errorf("store: copy: list tables: %w", err)
	}
	cat := map[string]*copyTableInfo{}
	for _, n := range names {
		cat[n] = &copyTableInfo{name: n}
	}
	rows, err := q.QueryContext(ctx, `SELECT c.table_name, c.column_name, c.data_type, c.is_identity = 'YES' AND c.identity_generation = 'ALWAYS',
			COALESCE((SELECT k.ordinal_position FROM information_schema.key_column_usage k
				JOIN information_schema.table_constraints tc ON tc.constraint_name = k.constraint_name
					AND tc.table_schema = k.table_schema AND tc.table_name = k.table_name
				WHERE tc.constraint_type = 'PRIMARY KEY' AND k.table_schema = c.table_schema
					AND k.table_name = c.table_name AND k.column_name = c.column_name), 0)
		FROM information_schema.columns c WHERE c.table_schema = current_schema()
		ORDER BY c.table_name, c.ordinal_position`)
	if err != nil {
		return nil, fmt.Errorf("store: copy: list columns: %w", err)
	}
	for rows.Next() {
		var table, typ string
		var c copyColumn
		if err := rows.Scan(&table, &c.name, &typ, &c.identity, &c.pk); err != nil {
			rows.Close()
			return nil, err
		}
		if t := cat[table]; t != nil {
			c.kind = pgKind(typ)
			t.cols = append(t.cols, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return cat, pgParents(ctx, q, cat)
}

// pgParents fills each table's parents from its foreign keys.
func pgParents(ctx context.Context, q queryer, cat map[string]*copyTableInfo) error {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT c.conrelid::regclass::text, c.confrelid::regclass::text
		FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
		WHERE c.contype = 'f' AND n.nspname = current_schema()`)
	if err != nil {
		return fmt.Errorf("store: copy: list foreign keys: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var child, parent string
		if err := rows.Scan(&child, &parent); err != nil {
			return err
		}
		child, parent = unqualify(child), unqualify(parent)
		if t := cat[child]; t != nil {
			t.parents = append(t.parents, parent)
		}
	}
	return rows.Err()
}

// unqualify drops the schema and the quotes regclass may add to a name.
func unqualify(s string) string {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		s = s[i+1:]
	}
	return strings.Trim(s, `"`)
}

// pgKind is the kind of a PostgreSQL data_type.
func pgKind(typ string) colKind {
	switch typ {
	case "bigint", "integer", "smallint":
		return kindInt
	case "text", "character varying", "character", "json", "jsonb":
		return kindText
	case "bytea":
		return kindBytes
	case "boolean":
		return kindBool
	case "double precision", "real", "numeric":
		return kindFloat
	case "timestamp with time zone", "timestamp without time zone":
		return kindTime
	case "date":
		return kindDate
	}
	return kindOther
}

func queryStrings(ctx context.Context, q queryer, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// snapshotIsolation is the isolation of Copy's read of a whole store: one
// SQLite read transaction is a snapshot already; PostgreSQL needs repeatable read.
func (s *Store) snapshotIsolation() sql.IsolationLevel {
	if s.Backend() == "postgres" {
		return sql.LevelRepeatableRead
	}
	return sql.LevelDefault
}

// byteOrder is an ORDER BY term for a column that sorts text by its bytes,
// as SQLite does, also on PostgreSQL (whose collation may be a language's).
func (s *Store) byteOrder(col string, k colKind) string {
	if s.Backend() == "postgres" && k == kindText {
		return col + ` COLLATE "C"`
	}
	return col
}

// placeholder is the n-th (from 1) bind parameter of a statement.
func (s *Store) placeholder(n int) string {
	if s.Backend() == "postgres" {
		return "$" + strconv.Itoa(n)
	}
	return "?"
}

// resetSequences moves each PostgreSQL identity's sequence past the ids
// copied, so the next row written gets a fresh id (SQLite needs nothing: a
// new rowid is one more than the largest).
func (s *Store) resetSequences(ctx context.Context, tx *sql.Tx, tables []*copyTableInfo) error {
	if s.Backend() != "postgres" {
		return nil
	}
	for _, t := range tables {
		for _, c := range t.cols {
			var seq sql.NullString
			if err := tx.QueryRowContext(ctx, `SELECT pg_get_serial_sequence($1, $2)`, quoteIdent(t.name), c.name).Scan(&seq); err != nil {
				return fmt.Errorf("store: copy: sequence of %s.%s: %w", t.name, c.name, err)
			}
			if !seq.Valid {
				continue
			}
			q := `SELECT setval($1, COALESCE((SELECT max(` + quoteIdent(c.name) + `) FROM ` + quoteIdent(t.name) + `), 0) + 1, false)`
			if _, err := tx.ExecContext(ctx, q, seq.String); err != nil {
				return fmt.Errorf("store: copy: reset %s: %w", seq.String, err)
			}
		}
	}
	return nil
}

// copyTriggers turns the target's own triggers off (on false) or on again,
// inside the copy's transaction, on PostgreSQL: each shift inserted would
// otherwise update the one roster_version row again, and PostgreSQL keeps
// every version of a row updated in one transaction, so a year of a province's
// shifts (146,000) took minutes instead of seconds. What they would write is
// not needed: roster_version is copied itself, and shift_changes only tells
// the feeds' window (which reads all on start) what changed since it looked.
// The foreign keys are system triggers and stay on. SQLite has no such switch
// and needs none (its triggers cost microseconds a row).
func (s *Store) copyTriggers(ctx context.Context, tx *sql.Tx, tables []*copyTableInfo, on bool) error {
	if s.Backend() != "postgres" {
		return nil
	}
	verb := "DISABLE"
	if on {
		verb = "ENABLE"
	}
	for _, t := range tables {
		if _, err := tx.ExecContext(ctx, `ALTER TABLE `+quoteIdent(t.name)+` `+verb+` TRIGGER USER`); err != nil {
			return fmt.Errorf("store: copy: %s the triggers of %s: %w", strings.ToLower(verb), t.name, err)
		}
	}
	if on {
		// One entry that concerns every shift (as time off logs): the log
		// the feeds' window reads starts with the copy, not empty.
		if _, err := tx.ExecContext(ctx, `INSERT INTO shift_changes (shift_id) VALUES (0)`); err != nil {
			return fmt.Errorf("store: copy: shift_changes: %w", err)
		}
	}
	return nil
}

// copyInserter writes rows to one target table in batches of multi-row INSERTs.
type copyInserter struct {
	ctx   context.Context
	s     *Store
	tx    *sql.Tx
	t     *copyTableInfo
	cols  []string
	kinds []colKind
	rows  int
	args  []any
}

// copyBatchArgs bounds the parameters of one INSERT (SQLite allows 32766, PostgreSQL 65535).
const copyBatchArgs = 4000

func newCopyInserter(ctx context.Context, s *Store, tx *sql.Tx, t *copyTableInfo, cols []string) *copyInserter {
	return &copyInserter{ctx: ctx, s: s, tx: tx, t: t, cols: cols, kinds: t.kinds(cols)}
}

func (ins *copyInserter) add(vals []any) error {
	for i, v := range vals {
		ins.args = append(ins.args, convertFor(v, ins.kinds[i]))
	}
	ins.rows++
	if len(ins.args)+len(ins.cols) > copyBatchArgs {
		return ins.flush()
	}
	return nil
}

func (ins *copyInserter) flush() error {
	if ins.rows == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("INSERT INTO " + quoteIdent(ins.t.name) + " (")
	identity := false
	for i, c := range ins.cols {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteIdent(c))
		identity = identity || ins.t.column(c).identity
	}
	b.WriteString(")")
	if identity {
		b.WriteString(" OVERRIDING SYSTEM VALUE")
	}
	b.WriteString(" VALUES ")
	n := 0
	for r := 0; r < ins.rows; r++ {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for i := range ins.cols {
			if i > 0 {
				b.WriteString(", ")
			}
			n++
			b.WriteString(ins.s.placeholder(n))
		}
		b.WriteByte(')')
	}
	_, err := ins.tx.ExecContext(ins.ctx, b.String(), ins.args...)
	ins.rows, ins.args = 0, ins.args[:0]
	return err
}

// convertFor hands a value read from one backend to a column of kind k on
// the other: booleans and integers, instants and text, text and bytes.
func convertFor(v any, k colKind) any {
	switch x := v.(type) {
	case bool:
		if k == kindBool {
			return x
		}
		if x {
			return int64(1)
		}
		return int64(0)
	case int64:
		if k == kindBool {
			return x != 0
		}
	case string:
		switch k {
		case kindBytes:
			return []byte(x)
		case kindTime:
			if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
				return t
			}
		}
	case []byte:
		if k == kindText {
			return string(x)
		}
		return append([]byte(nil), x...) // the driver may reuse its buffer
	case time.Time:
		switch k {
		case kindText, kindOther:
			if x.Equal(x.Truncate(time.Second)) {
				return x.UTC().Format(timeLayout)
			}
			return x.UTC().Format(time.RFC3339Nano)
		}
	}
	return v
}
