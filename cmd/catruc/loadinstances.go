package main

import (
	"context"
	"fmt"
)

// Several instances of the server on one database (`loadtest --instances N
// --server child`, for PostgreSQL): each a `catruc serve` process of its own,
// the load's workers dealt among them in turn.

// startChildren starts cfg.Instances servers on the database at path, one
// after the other (each applies the migrations and the demo's logins at
// start), the first as lt.child.
func (lt *loadServer) startChildren(ctx context.Context, path string, cfg loadConfig) error {
	for i := range cfg.Instances {
		c, err := startLoadChild(ctx, path, cfg.MemoryLimit)
		if err != nil {
			lt.stopChildren()
			return fmt.Errorf("instance %d: %w", i+1, err)
		}
		if i == 0 {
			lt.child, lt.base = c, c.base
		} else {
			lt.others = append(lt.others, c)
		}
		lt.bases = append(lt.bases, c.base)
	}
	return nil
}

func (lt *loadServer) stopChildren() {
	for _, c := range lt.others {
		c.stop()
	}
	if lt.child != nil {
		lt.child.stop()
	}
	lt.others, lt.child = nil, nil
}

// driver is a load driver over every instance of the server.
func (lt *loadServer) driver(conns int) *loadDriver {
	d := newLoadDriver(lt.base, lt.token, conns)
	d.bases = lt.bases
	return d
}

// instancesShown is format filled with the number of instances when there
// are several, "" for one.
func (lt *loadServer) instancesShown(format string) string {
	if len(lt.others) == 0 {
		return ""
	}
	return fmt.Sprintf(format, len(lt.others)+1)
}
