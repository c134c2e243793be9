package match

import "fmt"

// Config holds the matching defaults a query falls back to.
type Config struct {
	Threshold float64 `yaml:"threshold"` // minimum score for a hit, 0..1
	Limit     int     `yaml:"limit"`     // maximum hits per name
}

// Validate reports the first out-of-range setting.
func (c Config) Validate() error {
	if c.Threshold < 0 || c.Threshold > 1 || c.Threshold != c.Threshold {
		return fmt.Errorf("matching.threshold %v: must be between 0 and 1", c.Threshold)
	}
	if c.Limit < MinLimit || c.Limit > MaxLimit {
		return fmt.Errorf("matching.limit %d: must be between %d and %d", c.Limit, MinLimit, MaxLimit)
	}
	return nil
}
