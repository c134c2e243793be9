// Package configs holds rpscreen's embedded default configuration.
package configs

import _ "embed"

// Default is configs/default.yaml: every setting with its default value. A
// user's configuration file is decoded on top of it.
//
//go:embed default.yaml
var Default []byte
