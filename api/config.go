package api

import (
	"errors"
	"fmt"
	"time"
)

// Body limits a configuration may set.
const (
	MinBodyLimit int64 = 1 << 10 // 1 KiB
	MaxBodyLimit int64 = 1 << 30 // 1 GiB
)

// Config is the server section of the configuration file; cmd builds the
// http.Server from it and passes BodyLimit on in Options.
type Config struct {
	Addr              string        `yaml:"addr"`
	ReadHeaderTimeout time.Duration `yaml:"read_header_timeout"`
	ReadTimeout       time.Duration `yaml:"read_timeout"`
	WriteTimeout      time.Duration `yaml:"write_timeout"`
	IdleTimeout       time.Duration `yaml:"idle_timeout"`
	ShutdownTimeout   time.Duration `yaml:"shutdown_timeout"`
	BodyLimit         int64         `yaml:"body_limit_bytes"`
	// BatchMaxItems is the most names one POST /v1/screen/batch may carry.
	BatchMaxItems int `yaml:"batch_max_items"`
	// BatchBodyLimit replaces BodyLimit on the batch route, whose bodies
	// are larger by design.
	BatchBodyLimit int64 `yaml:"batch_body_limit_bytes"`
	// DebugAddr, when set, serves /debug/pprof on a second listener that
	// is meant for operators only (loopback or an admin network).
	DebugAddr string `yaml:"debug_addr"`
	// MemoryLimit is Go's soft memory limit for the serve command: auto
	// (a share of the container's limit), off, or a size ("1800MiB");
	// cmd reads and checks it.
	MemoryLimit string `yaml:"memory_limit"`
	// AdminToken is Options.AdminToken. It is a secret, so it comes from
	// the environment (RPSCREEN_ADMIN_TOKEN), never the file.
	AdminToken string `yaml:"-"`
}

// Batch sizes a configuration may set.
const MaxBatchItems = 1_000_000

// Validate reports every out-of-range setting, naming its key.
func (c Config) Validate() error {
	var errs []error
	if c.Addr == "" {
		errs = append(errs, errors.New("server.addr: must not be empty"))
	}
	for _, d := range []struct {
		key string
		val time.Duration
	}{
		{"server.read_header_timeout", c.ReadHeaderTimeout},
		{"server.read_timeout", c.ReadTimeout},
		{"server.write_timeout", c.WriteTimeout},
		{"server.idle_timeout", c.IdleTimeout},
		{"server.shutdown_timeout", c.ShutdownTimeout},
	} {
		if d.val <= 0 {
			errs = append(errs, fmt.Errorf("%s %v: must be positive", d.key, d.val))
		}
	}
	if c.BodyLimit < MinBodyLimit || c.BodyLimit > MaxBodyLimit {
		errs = append(errs, fmt.Errorf("server.body_limit_bytes %d: must be between %d (1 KiB) and %d (1 GiB)",
			c.BodyLimit, MinBodyLimit, MaxBodyLimit))
	}
	if c.BatchMaxItems < 1 || c.BatchMaxItems > MaxBatchItems {
		errs = append(errs, fmt.Errorf("server.batch_max_items %d: must be between 1 and %d", c.BatchMaxItems, MaxBatchItems))
	}
	if c.BatchBodyLimit < MinBodyLimit || c.BatchBodyLimit > MaxBodyLimit {
		errs = append(errs, fmt.Errorf("server.batch_body_limit_bytes %d: must be between %d (1 KiB) and %d (1 GiB)",
			c.BatchBodyLimit, MinBodyLimit, MaxBodyLimit))
	}
	return errors.Join(errs...)
}
