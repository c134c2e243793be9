package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// version is set at build time: -ldflags "-X main.version=v1.2.3".
var version = "dev"

// printVersion prints the version, the VCS commit when the build recorded
// one, and the Go version.
func printVersion(w io.Writer) int {
	fmt.Fprintf(w, "rpscreen %s\n", version)
	if rev, modified := commit(); rev != "" {
		if modified {
			rev += " (modified)"
		}
		fmt.Fprintf(w, "commit   %s\n", rev)
	}
	fmt.Fprintf(w, "go       %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return exitOK
}

// commit is the VCS revision `go build` stamped into the binary, if any.
func commit() (rev string, modified bool) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "", false
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	return rev, modified
}
