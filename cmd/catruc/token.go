package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"catruc/scheduler"
	"catruc/store"
)

func cmdToken(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New("token: create, list or revoke")
	}
	fs := flag.NewFlagSet("token "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "catruc.db", "SQLite database file, or postgres://… (PostgreSQL)")
	name := fs.String("name", "", "token name (create)")
	role := fs.String("role", "", "admin, manager, guard or viewer (create)")
	guardID := fs.Int64("guard-id", 0, "the guard a guard token belongs to (create)")
	pos, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	ctx = scheduler.WithActor(ctx, "cli")
	open := func() (*store.Store, error) { return store.Open(ctx, *db) }
	switch args[0] {
	case "create":
		if *name == "" || *role == "" {
			return errors.New("token create: --name and --role are required")
		}
		st, err := open()
		if err != nil {
			return err
		}
		defer st.Close()
		var gid *int64
		if *guardID != 0 {
			gid = guardID
		}
		secret, t, err := st.CreateToken(ctx, *name, *role, gid)
		if err != nil {
			return cliError(err)
		}
		fmt.Fprintf(stdout, "Created token %q (role %s). Keep it secret: it is shown only now.\n", t.Name, t.Role)
		fmt.Fprintln(stdout, secret)
		return nil
	case "list":
		st, err := open()
		if err != nil {
			return err
		}
		defer st.Close()
		ts, err := st.FindTokens(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tROLE\tGUARD\tCREATED\tLAST USED\tSTATUS")
		for _, t := range ts {
			guard, last, status := "-", "never", "live"
			if t.GuardID != nil {
				guard = fmt.Sprint(*t.GuardID)
			}
			if t.LastUsedAt != nil {
				last = t.LastUsedAt.Format(time.DateTime)
			}
			if t.RevokedAt != nil {
				status = "revoked " + t.RevokedAt.Format(time.DateTime)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", t.Name, t.Role, guard, t.CreatedAt.Format(time.DateTime), last, status)
		}
		return tw.Flush()
	case "revoke":
		n := *name
		if len(pos) == 1 && n == "" {
			n = pos[0]
		}
		if n == "" || len(pos) > 1 {
			return errors.New("token revoke: give one token name")
		}
		st, err := open()
		if err != nil {
			return err
		}
		defer st.Close()
		if err := st.RevokeToken(ctx, n); err != nil {
			return cliError(err)
		}
		fmt.Fprintf(stdout, "Revoked token %q.\n", n)
		return nil
	}
	return fmt.Errorf("token: unknown command %q (create, list or revoke)", args[0])
}

// cliError shows a domain error as a sentence.
func cliError(err error) error {
	if scheduler.ErrorCode(err) == scheduler.EINTERNAL {
		return err
	}
	if f := scheduler.ErrorField(err); f != "" {
		return fmt.Errorf("%s: %s", f, scheduler.ErrorMessage(err))
	}
	return errors.New(scheduler.ErrorMessage(err))
}
