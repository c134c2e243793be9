package api

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

func validConfig() Config {
	return Config{
		Addr:              ":8080",
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ShutdownTimeout:   20 * time.Second,
		BodyLimit:         1 << 20,
		BatchMaxItems:     10000,
		BatchBodyLimit:    32 << 20,
	}
}

func TestConfigDecodesYAML(t *testing.T) {
	src := `
addr: ":9090"
read_header_timeout: 5s
read_timeout: 30s
write_timeout: 1m
idle_timeout: 2m
shutdown_timeout: 20s
body_limit_bytes: 1048576
batch_max_items: 10000
batch_body_limit_bytes: 33554432
`
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader([]byte(src)))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		t.Fatal(err)
	}
	want := validConfig()
	want.Addr = ":9090"
	if c != want {
		t.Errorf("decoded %+v, want %+v", c, want)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Config)
		want   string // fragment of the error; empty: valid
	}{
		{"valid", func(*Config) {}, ""},
		{"smallest body limit", func(c *Config) { c.BodyLimit = 1024 }, ""},
		{"largest body limit", func(c *Config) { c.BodyLimit = 1 << 30 }, ""},
		{"empty addr", func(c *Config) { c.Addr = "" }, "server.addr"},
		{"zero read header timeout", func(c *Config) { c.ReadHeaderTimeout = 0 }, "server.read_header_timeout"},
		{"negative read timeout", func(c *Config) { c.ReadTimeout = -time.Second }, "server.read_timeout"},
		{"zero write timeout", func(c *Config) { c.WriteTimeout = 0 }, "server.write_timeout"},
		{"zero idle timeout", func(c *Config) { c.IdleTimeout = 0 }, "server.idle_timeout"},
		{"zero shutdown timeout", func(c *Config) { c.ShutdownTimeout = 0 }, "server.shutdown_timeout"},
		{"body limit below 1 KiB", func(c *Config) { c.BodyLimit = 1023 }, "server.body_limit_bytes 1023"},
		{"body limit above 1 GiB", func(c *Config) { c.BodyLimit = 1<<30 + 1 }, "server.body_limit_bytes"},
		{"no batch items", func(c *Config) { c.BatchMaxItems = 0 }, "server.batch_max_items 0"},
		{"batch body limit below 1 KiB", func(c *Config) { c.BatchBodyLimit = 10 }, "server.batch_body_limit_bytes 10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validConfig()
			tt.change(&c)
			err := c.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Validate: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Validate = %v, want an error naming %q", err, tt.want)
			}
		})
	}
}
