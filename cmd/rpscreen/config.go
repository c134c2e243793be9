package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"

	"go.uber.org/zap/zapcore"
	"gopkg.in/yaml.v3"

	"github.com/rpscreen/rpscreen/api"
	"github.com/rpscreen/rpscreen/configs"
	"github.com/rpscreen/rpscreen/lists"
	"github.com/rpscreen/rpscreen/match"
)

// Environment variables from CONTRACT.md.
const (
	envConfig     = "RPSCREEN_CONFIG"
	envAddr       = "RPSCREEN_ADDR"
	envAdminToken = "RPSCREEN_ADMIN_TOKEN" // an extension: see api.Options.AdminToken
)

// Config is the whole configuration file: each section belongs to the
// package that uses it.
type Config struct {
	Server   api.Config        `yaml:"server"`
	Log      LogConfig         `yaml:"log"`
	Matching match.Config      `yaml:"matching"`
	Lists    []lists.Config    `yaml:"lists"`
	Fetch    lists.FetchConfig `yaml:"fetch"`
}

// Validate reports every problem, each naming its key.
func (c Config) Validate() error {
	errs := []error{
		c.Server.Validate(),
		validMemoryLimit(c.Server.MemoryLimit),
		c.Log.Validate(),
		c.Matching.Validate(),
		lists.ValidateAll(c.Lists),
	}
	// Downloading settings matter only when a list is downloaded.
	if c.downloads() {
		errs = append(errs, c.Fetch.Validate())
	}
	return errors.Join(errs...)
}

func (c Config) downloads() bool {
	for _, l := range c.Lists {
		if l.URL != "" {
			return true
		}
	}
	return false
}

// settings is what lists.NewRegistry needs from the configuration.
func (c Config) settings() lists.Settings {
	return lists.Settings{Matching: c.Matching, Lists: c.Lists, Fetch: c.Fetch}
}

// fillFetchDefaults sets what the default file cannot know: the user's
// cache directory and a User-Agent naming this version.
func (c *Config) fillFetchDefaults() {
	if c.Fetch.CacheDir == "" {
		if dir, err := os.UserCacheDir(); err == nil {
			c.Fetch.CacheDir = filepath.Join(dir, "rpscreen")
		}
	}
	if c.Fetch.UserAgent == "" {
		c.Fetch.UserAgent = "rpscreen/" + version
	}
}

// LogConfig is the log section.
type LogConfig struct {
	Level  string `yaml:"level"`  // debug, info, warn, error
	Format string `yaml:"format"` // json or console
}

// Log formats.
const (
	formatJSON    = "json"
	formatConsole = "console"
)

// Validate reports every out-of-range setting, naming its key.
func (c LogConfig) Validate() error {
	var errs []error
	if _, err := zapcore.ParseLevel(c.Level); err != nil || c.Level == "" {
		errs = append(errs, fmt.Errorf("log.level %q: must be one of debug, info, warn, error", c.Level))
	}
	if err := validFormat(c.Format); err != nil {
		errs = append(errs, fmt.Errorf("log.format %w", err))
	}
	return errors.Join(errs...)
}

func validFormat(f string) error {
	if f != formatJSON && f != formatConsole {
		return fmt.Errorf("%q: must be json or console", f)
	}
	return nil
}

// loadConfig builds the effective configuration: the embedded default, then
// the file named by path (or RPSCREEN_CONFIG when path is empty) on top,
// then RPSCREEN_ADDR and RPSCREEN_ADMIN_TOKEN. It does not validate: callers apply their flags first.
// source says where the configuration came from, for the startup log.
func loadConfig(path string, getenv func(string) string) (cfg Config, source string, err error) {
	if err := decodeStrict(bytes.NewReader(configs.Default), &cfg); err != nil {
		return Config{}, "", fmt.Errorf("embedded default config: %w", err)
	}
	source = "embedded default"
	if path == "" {
		path = getenv(envConfig)
	}
	if path != "" {
		f, err := os.Open(path)
		if err != nil {
			return Config{}, "", fmt.Errorf("config: %w", err)
		}
		defer f.Close()
		if err := decodeStrict(f, &cfg); err != nil {
			return Config{}, "", fmt.Errorf("config %s: %w", path, err)
		}
		source = path
	}
	if addr := getenv(envAddr); addr != "" {
		cfg.Server.Addr = addr
	}
	cfg.Server.AdminToken = getenv(envAdminToken)
	cfg.fillFetchDefaults()
	return cfg, source, nil
}

// decodeStrict decodes one YAML document onto cfg, keeping what the document
// does not set. An unknown key is an error naming the key, its section and
// its line. An empty document changes nothing.
func decodeStrict(r io.Reader, cfg *Config) error {
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	err := dec.Decode(cfg)
	if errors.Is(err, io.EOF) {
		return nil
	}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs := make([]string, len(te.Errors))
		for i, m := range te.Errors {
			msgs[i] = explainYAML(m)
		}
		return errors.New(strings.Join(msgs, "; "))
	}
	if err != nil {
		return err
	}
	// A second document would be silently ignored: say so instead.
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return errors.New("more than one YAML document: rpscreen reads exactly one")
	}
	return nil
}

var unknownField = regexp.MustCompile(`^line (\d+): field (\S+) not found in type (\S+)$`)

// explainYAML rewrites yaml.v3's "field x not found in type api.Config" as
// `unknown key "server.x"`, which names the key as the user wrote it.
func explainYAML(msg string) string {
	m := unknownField.FindStringSubmatch(msg)
	if m == nil {
		if strings.HasSuffix(msg, "into time.Duration") {
			msg += " (a duration needs a unit: 500ms, 30s, 5m, 12h)"
		}
		return msg
	}
	key := m[2]
	if section, ok := sections()[m[3]]; ok {
		key = section + "." + key
	}
	return fmt.Sprintf("line %s: unknown key %q", m[1], key)
}

// sections maps the Go type of each section of Config to its key, so
// "lists.Config" names "lists[]". An unknown top-level key is reported in
// main.Config, which is not here, and gets no prefix. No section nests
// another struct, so one level is enough.
func sections() map[string]string {
	out := map[string]string{}
	t := reflect.TypeFor[Config]()
	for i := range t.NumField() {
		f := t.Field(i)
		key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		ft := f.Type
		if ft.Kind() == reflect.Slice {
			ft, key = ft.Elem(), key+"[]"
		}
		out[ft.String()] = key
	}
	return out
}

// oneLine joins a multi-error into one line for a CLI message.
func oneLine(err error) string {
	return strings.ReplaceAll(err.Error(), "\n", "; ")
}
