package lists

import (
	"fmt"
	"net/url"
	"regexp"
	"time"
)

// Formats are the list layouts rpscreen reads (see CONTRACT.md).
var formats = map[string]bool{
	"ofac_csv": true, "csl_csv": true, "csl_json": true, "uk_csv": true, "un_xml": true,
	"eu_xml": true, "opensanctions_csv": true, "opensanctions_ftm": true, "custom_csv": true,
}

var listID = regexp.MustCompile(`^[a-z0-9_]+$`)

// Config is one configured list source.
type Config struct {
	ID      string        `yaml:"id"`
	Format  string        `yaml:"format"`
	Path    string        `yaml:"path"`
	URL     string        `yaml:"url"`
	Refresh time.Duration `yaml:"refresh"`
	// MaxShrink is the largest share of entities a new copy may lose
	// against the one serving before it is refused as broken; default 0.2.
	MaxShrink *float64 `yaml:"max_shrink"`
}

// DefaultMaxShrink refuses a new copy that lost more than a fifth of the list.
const DefaultMaxShrink = 0.2

func (c Config) maxShrink() float64 {
	if c.MaxShrink == nil {
		return DefaultMaxShrink
	}
	return *c.MaxShrink
}

// Source is where the list is read from, as /v1/lists shows it.
func (c Config) Source() string {
	if c.URL != "" {
		return c.URL
	}
	return c.Path
}

// Validate reports the first problem with c, naming the list.
func (c Config) Validate() error {
	switch {
	case !listID.MatchString(c.ID):
		return fmt.Errorf("lists: id %q must match [a-z0-9_]+", c.ID)
	case c.ID == BuiltinListID:
		return fmt.Errorf("lists: id %q is reserved for the built-in list", c.ID)
	case !formats[c.Format]:
		return fmt.Errorf("lists[%s]: unknown format %q", c.ID, c.Format)
	case (c.Path == "") == (c.URL == ""):
		return fmt.Errorf("lists[%s]: set exactly one of path and url", c.ID)
	case c.Refresh < 0:
		return fmt.Errorf("lists[%s]: refresh must not be negative", c.ID)
	case c.Refresh > 0 && c.Refresh < time.Minute:
		return fmt.Errorf("lists[%s]: refresh %s is too often; use 1m or more", c.ID, c.Refresh)
	case c.MaxShrink != nil && (*c.MaxShrink < 0 || *c.MaxShrink > 1):
		return fmt.Errorf("lists[%s]: max_shrink must be between 0 and 1", c.ID)
	}
	if c.URL != "" {
		u, err := url.Parse(c.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("lists[%s]: url %q must be an http(s) URL", c.ID, c.URL)
		}
	}
	return nil
}

// ValidateAll checks every list and that ids are unique.
func ValidateAll(cfgs []Config) error {
	seen := make(map[string]bool, len(cfgs))
	for _, c := range cfgs {
		if err := c.Validate(); err != nil {
			return err
		}
		if seen[c.ID] {
			return fmt.Errorf("lists: id %q is configured twice", c.ID)
		}
		seen[c.ID] = true
	}
	return nil
}
