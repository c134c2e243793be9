package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestCommandsAndUsage(t *testing.T) {
	tests := []struct {
		name           string
		args           []string
		code           int
		stdout, stderr string
	}{
		{"no command", nil, exitUsage, "", "Usage:"},
		{"unknown command", []string{"frobnicate"}, exitUsage, "", `unknown command "frobnicate"`},
		{"help", []string{"help"}, exitOK, "Usage:", ""},
		{"-h", []string{"-h"}, exitOK, "Usage:", ""},
		{"--help", []string{"--help"}, exitOK, "Usage:", ""},
		{"serve -h", []string{"serve", "-h"}, exitOK, "-addr", ""},
		{"screen -h", []string{"screen", "-h"}, exitOK, "-threshold", ""},
		{"version", []string{"version"}, exitOK, "rpscreen dev", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(t.Context(), append([]string{"rpscreen"}, tt.args...), env(), &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr.String())
			}
			if tt.stdout != "" && !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("stdout %q does not contain %q", stdout.String(), tt.stdout)
			}
			if tt.stderr != "" && !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), tt.stderr)
			}
			if tt.code == exitOK && stderr.Len() > 0 {
				t.Errorf("stderr not empty on success: %q", stderr.String())
			}
		})
	}
}
