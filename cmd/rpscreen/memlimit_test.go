package main

import (
	"errors"
	"fmt"
	"math"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/KimMachineGun/automemlimit/memlimit"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest/observer"
)

func TestParseMemoryLimit(t *testing.T) {
	for in, want := range map[string]int64{
		"1800MiB": 1800 << 20, "2GiB": 2 << 30, "512KiB": 512 << 10, "1TiB": 1 << 40,
		"1000000B": 1_000_000, "123456789": 123_456_789,
	} {
		if got, err := parseMemoryLimit(in); err != nil || got != want {
			t.Errorf("parseMemoryLimit(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-5MiB", "2GB", "1.5GiB", "MiB", "lots", "9999999TiB"} {
		if got, err := parseMemoryLimit(in); err == nil {
			t.Errorf("parseMemoryLimit(%q) = %d, want an error", in, got)
		}
	}
}

// TestApplyMemoryLimit checks where the limit comes from: GOMEMLIMIT wins,
// then an explicit size, then 90% of the container's limit for auto.
func TestApplyMemoryLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	container := func(n uint64, err error) func() (uint64, error) {
		return func() (uint64, error) { return n, err }
	}
	twoGiB := uint64(2 << 30)
	tests := []struct {
		name      string
		setting   string
		env       func(string) string
		container func() (uint64, error)
		want      int64 // the limit in force after
		log       string
	}{
		{"GOMEMLIMIT wins", "1GiB", env("GOMEMLIMIT", "3GiB"), container(4<<30, nil), math.MaxInt64, "GOMEMLIMIT"},
		{"a size", "1800MiB", env(), container(4<<30, nil), 1800 << 20, "server.memory_limit"},
		{"auto in a container", "auto", env(), container(twoGiB, nil), int64(float64(twoGiB) * containerShare), "container_bytes"},
		{"auto without a limit", "auto", env(), container(0, memlimit.ErrNoLimit), math.MaxInt64, "reason=no container limit"},
		{"auto on a system without cgroups", "auto", env(), container(0, memlimit.ErrCgroupsNotSupported), math.MaxInt64, "reason=no container limit"},
		{"auto with an unreadable limit", "auto", env(), container(0, errors.New("permission denied")), math.MaxInt64, "cannot read"},
		{"off", "off", env(), container(2<<30, nil), math.MaxInt64, "off"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			debug.SetMemoryLimit(math.MaxInt64)
			core, logs := observer.New(zap.InfoLevel)
			applyMemoryLimit(zap.New(core), tt.setting, tt.env, tt.container)
			if got := debug.SetMemoryLimit(-1); got != tt.want {
				t.Errorf("limit %d, want %d", got, tt.want)
			}
			var all strings.Builder
			for _, e := range logs.All() {
				all.WriteString(e.Message)
				for k, v := range e.ContextMap() {
					fmt.Fprintf(&all, " %s=%v", k, v)
				}
				all.WriteString("\n")
			}
			if !strings.Contains(all.String(), tt.log) {
				t.Errorf("log %q does not say %q", all.String(), tt.log)
			}
		})
	}
}
