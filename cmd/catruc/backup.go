package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"catruc/store"
)

// cmdBackup writes a consistent copy of the database with VACUUM INTO; it
// works while a server runs on the same file.
func cmdBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "catruc.db", "SQLite database file, or postgres://… (PostgreSQL)")
	out := fs.String("out", "", "the backup file to write (must not exist)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("backup: --out is required")
	}
	if store.IsPostgres(*db) {
		return errors.New("backup: the database is PostgreSQL: back it up with pg_dump (catruc backup copies SQLite files)")
	}
	if _, err := os.Stat(*db); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, *out); err != nil {
		return err
	}
	fi, err := os.Stat(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Backed up %s to %s (%d bytes).\n", *db, *out, fi.Size())
	return nil
}
