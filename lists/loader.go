package lists

import (
	"fmt"
	"strings"

	"github.com/rpscreen/rpscreen/match"
)

// Loaded is what a loader read from one list file.
type Loaded struct {
	Entities []*match.Entity
	// Published is the publisher's own date or version for the file, where
	// the file carries one (an OFAC publish date, the UN dateGenerated, the
	// UK "Report Date"); empty otherwise.
	Published string
}

// parseFunc reads the list file at path for the list id. Each entity's ID is
// "<listID>:<the list's own id>" and List is listID. Loaders that read
// companion files (OFAC alt.csv beside sdn.csv) look for them beside path.
// Every error names the file and the line, record or field.
type parseFunc func(listID, path string) (Loaded, error)

// parsers maps a configured format (see formats in config.go) to its loader.
var parsers = map[string]parseFunc{
	"ofac_csv":          parseOFAC,
	"csl_csv":           parseCSLCSV,
	"csl_json":          parseCSLJSON,
	"uk_csv":            parseUK,
	"un_xml":            parseUN,
	"eu_xml":            parseEU,
	"opensanctions_csv": parseOpenSanctionsCSV,
	"opensanctions_ftm": parseOpenSanctionsFTM,
	"custom_csv":        parseCustomCSV,
}

func parserFor(format string) (parseFunc, error) {
	p, ok := parsers[format]
	if !ok {
		return nil, fmt.Errorf("format %s: no loader in this build", format)
	}
	return p, nil
}

// companions names the files a format reads beside its main file, so a
// download fetches them too: OFAC publishes alt, add and comments files
// beside SDN.CSV (and cons_alt ... beside CONS_PRIM.CSV).
func companions(format, mainName string) []string {
	if format != "ofac_csv" {
		return nil
	}
	prefix, _, isCons := strings.Cut(strings.ToLower(mainName), "_prim")
	if isCons {
		return []string{prefix + "_alt.csv", prefix + "_add.csv", prefix + "_comments.csv"}
	}
	return []string{"alt.csv", "add.csv", "sdn_comments.csv"}
}
