package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"catruc/scheduler"
	"catruc/store"
)

// readPassword reads one line from stdin (--password-stdin), so that a
// password never stands on a command line or in a shell history.
func readPassword(stdin io.Reader) (string, error) {
	if stdin == nil {
		return "", errors.New("--password-stdin: nothing on standard input")
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	p := strings.TrimRight(line, "\r\n")
	if p == "" {
		return "", errors.New("--password-stdin: the password is empty")
	}
	return p, nil
}

func cmdUser(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New("user: add, list or passwd")
	}
	fs := flag.NewFlagSet("user "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "catruc.db", "SQLite database file, or postgres://… (PostgreSQL)")
	name := fs.String("name", "", "login name (add)")
	role := fs.String("role", "", "admin, manager, guard or viewer (add)")
	guardID := fs.Int64("guard-id", 0, "the guard a guard user is (add)")
	lang := fs.String("lang", "vi", "vi or en (add)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from standard input")
	pos, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	ctx = scheduler.WithActor(ctx, "cli")
	switch args[0] {
	case "add":
		if *name == "" || *role == "" {
			return errors.New("user add: --name and --role are required")
		}
		if !*fromStdin {
			return errors.New("user add: give the password on standard input with --password-stdin")
		}
		p, err := readPassword(stdin)
		if err != nil {
			return err
		}
		st, err := store.Open(ctx, *db)
		if err != nil {
			return err
		}
		defer st.Close()
		u := &scheduler.User{Name: *name, Role: *role, Lang: *lang}
		if *guardID != 0 {
			u.GuardID = guardID
		}
		if err := st.CreateUser(ctx, u, p); err != nil {
			return cliError(err)
		}
		fmt.Fprintf(stdout, "Created user %q (role %s).\n", u.Name, u.Role)
		return nil
	case "list":
		st, err := store.Open(ctx, *db)
		if err != nil {
			return err
		}
		defer st.Close()
		us, err := st.FindUsers(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tROLE\tGUARD\tLANG\tSTATUS")
		for _, u := range us {
			guard, status := "-", "active"
			if u.GuardID != nil {
				guard = fmt.Sprint(*u.GuardID)
			}
			if u.Disabled {
				status = "disabled"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Name, u.Role, guard, u.Lang, status)
		}
		return tw.Flush()
	case "passwd":
		n := *name
		if n == "" && len(pos) == 1 {
			n = pos[0]
		}
		if n == "" || len(pos) > 1 {
			return errors.New("user passwd: give one user name")
		}
		if !*fromStdin {
			return errors.New("user passwd: give the password on standard input with --password-stdin")
		}
		p, err := readPassword(stdin)
		if err != nil {
			return err
		}
		st, err := store.Open(ctx, *db)
		if err != nil {
			return err
		}
		defer st.Close()
		if err := st.SetPassword(ctx, n, p); err != nil {
			return cliError(err)
		}
		fmt.Fprintf(stdout, "Changed the password of %q; their sessions are ended.\n", n)
		return nil
	}
	return fmt.Errorf("user: unknown command %q (add, list or passwd)", args[0])
}
