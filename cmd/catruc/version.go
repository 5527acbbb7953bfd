package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// version is the release, set when building:
//
//	go build -ldflags "-X main.version=1.4.0 -X main.commit=$(git rev-parse HEAD)" ./cmd/catruc
//
// Without it the version is the module's (go install …@v1.4.0), else "dev"
// and the commit the Go toolchain recorded (vcs.revision).
var (
	version = ""
	commit  = ""
)

// buildInfo is what `catruc version`, /healthz and /metrics tell of the binary.
type buildInfo struct {
	Version  string // e.g. "1.4.0", or "dev"
	Commit   string // the commit, "" when unknown; "+dirty" when built from changed files
	Go       string // the Go version that built it
	Platform string // os/arch
}

// readBuildInfo resolves the version: the ldflags, else what the toolchain recorded.
func readBuildInfo() buildInfo {
	b := buildInfo{Version: version, Commit: commit, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	bi, ok := debug.ReadBuildInfo()
	if ok && b.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		b.Version = bi.Main.Version
	}
	if ok && b.Commit == "" {
		dirty := false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Commit = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if b.Commit != "" && dirty {
			b.Commit += "+dirty"
		}
	}
	if b.Version == "" {
		b.Version = "dev"
	}
	return b
}

// String is the version as /healthz tells it: "1.4.0", or "dev-<commit>"
// for an unreleased build whose commit is known.
func (b buildInfo) String() string {
	if b.Version == "dev" && b.Commit != "" {
		c := b.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		return "dev-" + c
	}
	return b.Version
}

// cmdVersion prints the version, the commit and the Go version.
func cmdVersion(_ context.Context, _ []string, stdout, _ io.Writer) error {
	b := readBuildInfo()
	fmt.Fprintf(stdout, "catruc %s\n", b.String())
	c := b.Commit
	if c == "" {
		c = "unknown"
	}
	fmt.Fprintf(stdout, "commit %s\n", c)
	fmt.Fprintf(stdout, "go %s %s\n", b.Go, b.Platform)
	return nil
}
