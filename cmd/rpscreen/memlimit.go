package main

import (
	"errors"
	"fmt"
	"math"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/KimMachineGun/automemlimit/memlimit"
	"go.uber.org/zap"
)

// Go's collector lets the heap grow to twice its live size between
// collections, and a list refresh builds a second index beside the one
// serving: a million names live in 0.8 GB and a refresh peaks at 3.1-3.3
// GiB resident. A soft memory limit makes the collector work harder near it
// instead, which keeps the process inside a container's memory.

// Values of server.memory_limit besides a size.
const (
	memoryLimitAuto = "auto" // a share of the container's limit, if it has one
	memoryLimitOff  = "off"
)

// containerShare is the part of a container's memory limit the heap may
// use under server.memory_limit: auto; the rest is for what Go does not
// count (thread stacks, the binary) and a margin.
const containerShare = 0.9

// parseMemoryLimit reads a size as GOMEMLIMIT spells it: an integer number
// of bytes with an optional unit, B, KiB, MiB, GiB or TiB ("1800MiB").
func parseMemoryLimit(s string) (int64, error) {
	units := []struct {
		suffix string
		shift  uint
	}{{"TiB", 40}, {"GiB", 30}, {"MiB", 20}, {"KiB", 10}, {"B", 0}}
	num, shift := s, uint(0)
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			num, shift = strings.TrimSuffix(s, u.suffix), u.shift
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > math.MaxInt64>>shift {
		return 0, fmt.Errorf("%q: must be auto, off or a size such as 1800MiB (B, KiB, MiB, GiB, TiB)", s)
	}
	return n << shift, nil
}

// validMemoryLimit reports whether s is a value server.memory_limit takes.
func validMemoryLimit(s string) error {
	if s == memoryLimitAuto || s == memoryLimitOff {
		return nil
	}
	if _, err := parseMemoryLimit(s); err != nil {
		return fmt.Errorf("server.memory_limit %w", err)
	}
	return nil
}

// applyMemoryLimit sets Go's soft memory limit from server.memory_limit,
// unless the GOMEMLIMIT environment variable has set it already, and logs
// the limit in force and where it came from. containerLimit reads the
// container's memory limit (memlimit.FromCgroup outside tests).
func applyMemoryLimit(log *zap.Logger, setting string, getenv func(string) string, containerLimit func() (uint64, error)) {
	if v := getenv("GOMEMLIMIT"); v != "" {
		log.Info("memory limit", zap.String("source", "GOMEMLIMIT"), zap.String("limit", v))
		return
	}
	switch setting {
	case memoryLimitOff:
		log.Info("memory limit", zap.String("source", "server.memory_limit"), zap.String("limit", "off"))
	case memoryLimitAuto:
		limit, err := containerLimit()
		if err != nil {
			reason := "no container limit"
			if !errors.Is(err, memlimit.ErrNoLimit) && !errors.Is(err, memlimit.ErrNoCgroup) && !errors.Is(err, memlimit.ErrCgroupsNotSupported) {
				reason = "cannot read the container's: " + err.Error()
			}
			log.Info("memory limit", zap.String("source", "server.memory_limit: auto"), zap.String("limit", "none"), zap.String("reason", reason))
			return
		}
		n := int64(math.Min(float64(limit)*containerShare, math.MaxInt64))
		debug.SetMemoryLimit(n)
		log.Info("memory limit", zap.String("source", "server.memory_limit: auto"), zap.Int64("limit_bytes", n), zap.Uint64("container_bytes", limit))
	default:
		n, err := parseMemoryLimit(setting) // validated with the configuration
		if err != nil {
			log.Warn("memory limit", zap.Error(err))
			return
		}
		debug.SetMemoryLimit(n)
		log.Info("memory limit", zap.String("source", "server.memory_limit"), zap.Int64("limit_bytes", n))
	}
}
