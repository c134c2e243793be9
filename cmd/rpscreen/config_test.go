package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// env is a getenv over a fixed map, so tests never see the real environment.
func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadConfigDefaults(t *testing.T) {
	cfg, source, err := loadConfig("", env())
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatalf("embedded default does not validate: %v", err)
	}
	if source != "embedded default" {
		t.Errorf("source = %q", source)
	}
	checks := []struct {
		what      string
		got, want any
	}{
		{"server.addr", cfg.Server.Addr, ":8080"},
		{"server.shutdown_timeout", cfg.Server.ShutdownTimeout, 15 * time.Second},
		{"server.body_limit_bytes", cfg.Server.BodyLimit, int64(1 << 20)},
		{"log.level", cfg.Log.Level, "info"},
		{"log.format", cfg.Log.Format, "json"},
		{"matching.threshold", cfg.Matching.Threshold, 0.85},
		{"matching.limit", cfg.Matching.Limit, 10},
		{"len(lists)", len(cfg.Lists), 0},
		{"fetch.user_agent", cfg.Fetch.UserAgent, "rpscreen/dev"},
	}
	if cfg.Fetch.CacheDir == "" {
		t.Error("fetch.cache_dir: no default from the user cache directory")
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
	for key, d := range map[string]time.Duration{
		"read_header_timeout": cfg.Server.ReadHeaderTimeout, "read_timeout": cfg.Server.ReadTimeout,
		"write_timeout": cfg.Server.WriteTimeout, "idle_timeout": cfg.Server.IdleTimeout,
	} {
		if d <= 0 {
			t.Errorf("server.%s = %v, want a positive default", key, d)
		}
	}
}

func TestLoadConfigFileOverridesOnlyWhatItSets(t *testing.T) {
	path := writeConfig(t, `
server:
  shutdown_timeout: 3s
matching:
  threshold: 0.9
lists:
  - id: ofac_sdn
    format: ofac_csv
    path: /data/ofac/sdn.csv
`)
	cfg, source, err := loadConfig(path, env())
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if source != path {
		t.Errorf("source = %q, want %q", source, path)
	}
	if cfg.Server.ShutdownTimeout != 3*time.Second || cfg.Matching.Threshold != 0.9 {
		t.Errorf("overrides not applied: %+v %+v", cfg.Server, cfg.Matching)
	}
	if cfg.Server.Addr != ":8080" || cfg.Matching.Limit != 10 || cfg.Log.Format != "json" {
		t.Errorf("defaults lost: addr %q limit %d format %q", cfg.Server.Addr, cfg.Matching.Limit, cfg.Log.Format)
	}
	if len(cfg.Lists) != 1 || cfg.Lists[0].ID != "ofac_sdn" || cfg.Lists[0].Format != "ofac_csv" {
		t.Errorf("lists = %+v", cfg.Lists)
	}
}

func TestLoadConfigFromEnvironment(t *testing.T) {
	path := writeConfig(t, "matching:\n  limit: 5\n")
	cfg, _, err := loadConfig("", env(envConfig, path, envAddr, "127.0.0.1:9999", envAdminToken, "s3cret"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Matching.Limit != 5 {
		t.Errorf("RPSCREEN_CONFIG not read: limit = %d", cfg.Matching.Limit)
	}
	if cfg.Server.Addr != "127.0.0.1:9999" {
		t.Errorf("RPSCREEN_ADDR not applied: addr = %q", cfg.Server.Addr)
	}
	if cfg.Server.AdminToken != "s3cret" {
		t.Errorf("RPSCREEN_ADMIN_TOKEN not applied: %q", cfg.Server.AdminToken)
	}
	// A secret is not read from the file.
	if _, _, err := loadConfig(writeConfig(t, "server:\n  admin_token: x\n"), env()); err == nil || !strings.Contains(err.Error(), "admin_token") {
		t.Errorf("server.admin_token in the file: %v, want an error naming it", err)
	}

	// --config wins over RPSCREEN_CONFIG.
	other := writeConfig(t, "matching:\n  limit: 7\n")
	cfg, _, err = loadConfig(other, env(envConfig, path))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Matching.Limit != 7 {
		t.Errorf("--config did not win over RPSCREEN_CONFIG: limit = %d", cfg.Matching.Limit)
	}
}

func TestLoadConfigErrorsNameTheProblem(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // substrings of the error
	}{
		{"unknown top-level key", "sever:\n  addr: \":1\"\n", []string{`"sever"`, "line 1"}},
		{"unknown server key", "server:\n  adress: \":1\"\n", []string{`"server.adress"`, "line 2"}},
		{"unknown matching key", "matching:\n  treshold: 0.9\n", []string{`"matching.treshold"`, "line 2"}},
		{"unknown list key", "lists:\n  - id: x\n    format: custom_csv\n    paht: /x.csv\n", []string{`"lists[].paht"`, "line 4"}},
		{"duration without unit", "server:\n  read_timeout: 30\n", []string{"line 2"}},
		{"two documents", "matching:\n  limit: 5\n---\nmatching:\n  limit: 6\n", []string{"more than one YAML document"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := loadConfig(writeConfig(t, tt.yaml), env())
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestValidateNamesTheKey(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want string
	}{
		{"threshold above 1", "matching:\n  threshold: 1.5\n", "matching.threshold"},
		{"negative threshold", "matching:\n  threshold: -0.1\n", "matching.threshold"},
		{"limit 0", "matching:\n  limit: 0\n", "matching.limit"},
		{"empty addr", "server:\n  addr: \"\"\n", "server.addr"},
		{"zero shutdown timeout", "server:\n  shutdown_timeout: 0s\n", "server.shutdown_timeout"},
		{"memory limit without a number", "server:\n  memory_limit: lots\n", "server.memory_limit"},
		{"memory limit in an unknown unit", "server:\n  memory_limit: 2GB\n", "server.memory_limit"},
		{"log level", "log:\n  level: loud\n", "log.level"},
		{"log format", "log:\n  format: xml\n", "log.format"},
		{"list format", "lists:\n  - id: x\n    format: pdf\n    path: /x\n", "lists[x]"},
		{"fetch timeout with a url list", "fetch:\n  timeout: 0s\nlists:\n  - id: x\n    format: custom_csv\n    url: https://example.org/x.csv\n", "fetch.timeout"},
		{"builtin id reserved", "lists:\n  - id: kaspersky\n    format: custom_csv\n    path: /x\n", "kaspersky"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, _, err := loadConfig(writeConfig(t, tt.yaml), env())
			if err != nil {
				t.Fatal(err)
			}
			err = cfg.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate() = %v, want an error naming %s", err, tt.want)
			}
		})
	}
}

func TestLoadConfigMissingFile(t *testing.T) {
	_, _, err := loadConfig(filepath.Join(t.TempDir(), "nope.yaml"), env())
	if err == nil || !strings.Contains(err.Error(), "nope.yaml") {
		t.Errorf("err = %v, want one naming the file", err)
	}
}

func TestEmptyConfigFileKeepsDefaults(t *testing.T) {
	cfg, _, err := loadConfig(writeConfig(t, "# nothing here\n"), env())
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
}

// The shipped examples must stay loadable: paths and urls are not opened here.
func TestExampleConfigsDecode(t *testing.T) {
	for _, name := range []string{"example-offline.yaml", "example-production.yaml", "shared-data.yaml"} {
		cfg, _, err := loadConfig(filepath.Join("..", "..", "configs", name), env())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := cfg.Validate(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(cfg.Lists) == 0 {
			t.Errorf("%s lists no lists", name)
		}
	}
}

// The configurations shipped for deployment must load as they are.
func TestDeploymentConfigsDecode(t *testing.T) {
	root := filepath.Join("..", "..", "deployments")
	compose := filepath.Join(root, "rpscreen.yaml")

	raw, err := os.ReadFile(filepath.Join(root, "kubernetes", "configmap.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cm struct {
		Data map[string]string `yaml:"data"`
	}
	if err := yaml.Unmarshal(raw, &cm); err != nil {
		t.Fatal(err)
	}
	k8s := writeConfig(t, cm.Data["config.yaml"])

	for name, path := range map[string]string{"compose": compose, "kubernetes": k8s} {
		cfg, _, err := loadConfig(path, env())
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if err := cfg.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if cfg.Fetch.CacheDir != "/var/cache/rpscreen" {
			t.Errorf("%s: fetch.cache_dir = %q, want the volume at /var/cache/rpscreen", name, cfg.Fetch.CacheDir)
		}
	}
}
