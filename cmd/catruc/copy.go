package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"text/tabwriter"

	"catruc/store"
)

// cmdCopy moves an office from one database to another — a SQLite file to
// PostgreSQL, back, or between two of a kind — and verifies it: every table's
// rows and checksum on both sides. It exits 1 when the copy differs (nothing
// is written then), 2 on any other failure.
func cmdCopy(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("copy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	from := fs.String("from", "", "the database to copy: a SQLite file or a postgres:// URL")
	to := fs.String("to", "", "the database to fill: a new SQLite file or an empty postgres:// database")
	quiet := fs.Bool("quiet", false, "print only the summary line")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *from == "" || *to == "" {
		return errors.New("copy: --from and --to are required")
	}
	if *from == *to {
		return errors.New("copy: --from and --to are the same database")
	}
	if !isPostgresURL(*from) {
		if _, err := os.Stat(*from); err != nil {
			return fmt.Errorf("copy: the source: %w", err) // never create an empty source
		}
	}
	src, err := store.Open(ctx, *from)
	if err != nil {
		return fmt.Errorf("copy: open the source: %w", err)
	}
	defer src.Close()
	dst, err := store.Open(ctx, *to)
	if err != nil {
		return fmt.Errorf("copy: open the target: %w", err)
	}
	defer dst.Close()
	rep, err := store.Copy(ctx, src, dst, store.CopyOptions{})
	if rep != nil && len(rep.Tables) > 0 && (!*quiet || err != nil) {
		printCopyReport(stdout, rep)
	}
	if errors.Is(err, store.ErrCopyMismatch) {
		return &exitError{code: 1, err: err}
	}
	if err != nil {
		return err
	}
	var rows int64
	for _, t := range rep.Tables {
		rows += t.SourceRows
	}
	fmt.Fprintf(stdout, "Copied %s to %s: %d tables, %d rows, schema version %d, verified.\n",
		redactURL(*from), redactURL(*to), len(rep.Tables), rows, rep.SchemaVersion)
	return nil
}

// printCopyReport prints one line a table: rows and checksum on each side.
func printCopyReport(w io.Writer, rep *store.CopyReport) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TABLE\tSOURCE ROWS\tTARGET ROWS\tSOURCE SHA-256\tTARGET SHA-256\tCHECK")
	for _, t := range rep.Tables {
		status := "ok"
		if !t.OK() {
			status = "DIFFERS"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\n", t.Name, t.SourceRows, t.TargetRows, short(t.SourceSum), short(t.TargetSum), status)
	}
	tw.Flush()
	if len(rep.Skipped) > 0 {
		fmt.Fprintf(w, "Not copied (each database keeps its own): %s.\n", strings.Join(rep.Skipped, ", "))
	}
}

// short is the first 16 hex digits of a checksum: enough to tell two apart.
func short(sum string) string {
	if len(sum) > 16 {
		return sum[:16]
	}
	return sum
}

// isPostgresURL says whether a --db value names PostgreSQL rather than a file.
func isPostgresURL(s string) bool { return store.IsPostgres(s) }

// redactURL hides the password of a database URL (a file path is unchanged).
func redactURL(s string) string {
	if !isPostgresURL(s) {
		return s
	}
	u, err := url.Parse(s)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}
