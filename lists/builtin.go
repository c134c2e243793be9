package lists

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/rpscreen/rpscreen/match"
)

// BuiltinListID is the id of the built-in Kaspersky list, loaded in every
// configuration.
const BuiltinListID = "kaspersky"

// builtinFile names the embedded file in error messages.
const builtinFile = "builtin/kaspersky.yaml"

// builtinYAML is the list itself: embedding it means a binary screens against
// exactly the facts it was reviewed and tested with, with no network access.
//
//go:embed builtin/kaspersky.yaml
var builtinYAML []byte

// Builtin decodes, validates and returns the built-in Kaspersky list. Each call
// returns fresh entities, so a caller may keep or change them.
func Builtin() ([]*match.Entity, error) {
	return parseBuiltin(builtinYAML)
}

// BuiltinVersion identifies the embedded list by content, so /v1/lists shows
// which facts a running binary carries.
func BuiltinVersion() string {
	sum := sha256.Sum256(builtinYAML)
	return "sha256:" + hex.EncodeToString(sum[:])[:12]
}

// builtinDoc is the YAML layout. It is private because match.Entity has no
// yaml tags and uses ParentID where the file uses the parent's slug.
type builtinDoc struct {
	List     string          `yaml:"list"`
	Entities []builtinEntity `yaml:"entities"`
}

type builtinEntity struct {
	ID          string             `yaml:"id"`
	Type        match.EntityType   `yaml:"type"`
	Name        string             `yaml:"name"`
	Source      string             `yaml:"source"`
	Aliases     []match.Alias      `yaml:"aliases"`
	Countries   []string           `yaml:"countries"`
	Addresses   []string           `yaml:"addresses"`
	Programs    []string           `yaml:"programs"`
	LegalBasis  []match.LegalBasis `yaml:"legal_basis"`
	Relation    string             `yaml:"relation"`
	Parent      string             `yaml:"parent"`
	Remarks     string             `yaml:"remarks"`
	ListedOn    string             `yaml:"listed_on"`
	Identifiers []match.Identifier `yaml:"identifiers"`
	SourceURL   string             `yaml:"source_url"`
	GroupRule   *match.GroupRule   `yaml:"group_rule"`
}

// parseBuiltin is Builtin for any bytes, so tests can feed it broken files.
func parseBuiltin(data []byte) ([]*match.Entity, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true) // a misspelt key must fail the load, not drop a fact
	var doc builtinDoc
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: %w", builtinFile, err)
	}
	if doc.List != BuiltinListID {
		return nil, fmt.Errorf("%s: list %q: must be %q", builtinFile, doc.List, BuiltinListID)
	}
	if len(doc.Entities) == 0 {
		return nil, fmt.Errorf("%s: no entities", builtinFile)
	}
	if err := validateBuiltin(doc.Entities, entityLines(data)); err != nil {
		return nil, err
	}
	out := make([]*match.Entity, 0, len(doc.Entities))
	for _, b := range doc.Entities {
		out = append(out, b.entity())
	}
	return out, nil
}

// validateBuiltin checks what decoding cannot: the list is only as good as
// every entry's name, type, links and sources.
func validateBuiltin(entities []builtinEntity, lines []int) error {
	slugs := make(map[string]bool, len(entities))
	for _, b := range entities {
		slugs[b.ID] = false
	}
	for i, b := range entities {
		where := fmt.Sprintf("%s: entity %d", builtinFile, i+1)
		if i < len(lines) {
			where = fmt.Sprintf("%s line %d", builtinFile, lines[i])
		}
		if seen, ok := slugs[b.ID]; ok && seen {
			return fmt.Errorf("%s: id %q: duplicate", where, b.ID)
		}
		slugs[b.ID] = true
		if err := b.validate(slugs); err != nil {
			return fmt.Errorf("%s: entity %q: %w", where, b.ID, err)
		}
	}
	return nil
}

func (b builtinEntity) validate(slugs map[string]bool) error {
	if !validSlug(b.ID) {
		return errors.New("id: must be a non-empty slug of a-z, 0-9 and '-'")
	}
	if strings.TrimSpace(b.Name) == "" {
		return errors.New("name: empty")
	}
	if b.Type == "" || !b.Type.Valid() {
		return fmt.Errorf("type %q: must be organization, individual, vessel or aircraft", b.Type)
	}
	names := map[string]bool{b.Name: true}
	for _, a := range b.Aliases {
		if strings.TrimSpace(a.Name) == "" {
			return errors.New("aliases: empty name")
		}
		if !validAliasKind(a.Kind) {
			return fmt.Errorf("alias %q: kind %q: must be aka, fka, nka, native or acronym", a.Name, a.Kind)
		}
		if names[a.Name] {
			return fmt.Errorf("alias %q: duplicate name", a.Name)
		}
		names[a.Name] = true
	}
	for _, c := range b.Countries {
		if len(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' {
			return fmt.Errorf("countries: %q is not an ISO 3166-1 alpha-2 code", c)
		}
	}
	if len(b.LegalBasis) == 0 {
		return errors.New("legal_basis: every entity needs at least one")
	}
	for j, lb := range b.LegalBasis {
		if err := validateLegalBasis(lb); err != nil {
			return fmt.Errorf("legal_basis %d: %w", j+1, err)
		}
	}
	if err := validDate(b.ListedOn); err != nil {
		return fmt.Errorf("listed_on: %w", err)
	}
	if (b.Parent == "") != (b.Relation == "") {
		return errors.New("parent and relation: give both or neither")
	}
	if _, ok := slugs[b.Parent]; b.Parent != "" && (!ok || b.Parent == b.ID) {
		return fmt.Errorf("parent %q: not another entity in the list", b.Parent)
	}
	if !strings.HasPrefix(b.SourceURL, "https://") && !strings.HasPrefix(b.SourceURL, "http://") {
		return fmt.Errorf("source_url %q: must be an http(s) URL", b.SourceURL)
	}
	for _, id := range b.Identifiers {
		if id.Type == "" || id.Value == "" {
			return errors.New("identifiers: type and value are required")
		}
	}
	if g := b.GroupRule; g != nil {
		if len(g.Stems) == 0 || g.Relation == "" || g.Score <= 0 || g.Score > 1 {
			return errors.New("group_rule: needs stems, a relation and a score in (0, 1]")
		}
		for _, s := range g.Stems {
			if s == "" || s != strings.ToLower(s) {
				return fmt.Errorf("group_rule: stem %q must be non-empty lower case", s)
			}
		}
	}
	return nil
}

func validateLegalBasis(lb match.LegalBasis) error {
	if lb.Regime == "" {
		return errors.New("regime: empty")
	}
	if !strings.HasPrefix(lb.URL, "https://") && !strings.HasPrefix(lb.URL, "http://") {
		return fmt.Errorf("url %q: must be an http(s) URL", lb.URL)
	}
	if lb.Date == "" {
		return errors.New("date: empty")
	}
	if err := validDate(lb.Date); err != nil {
		return fmt.Errorf("date: %w", err)
	}
	return nil
}

// validDate accepts "" or an ISO 8601 calendar date, the form the API returns.
func validDate(s string) error {
	if s == "" {
		return nil
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return fmt.Errorf("%q is not a YYYY-MM-DD date", s)
	}
	return nil
}

func validSlug(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return false
		}
	}
	return true
}

func validAliasKind(k match.AliasKind) bool {
	switch k {
	case match.AKA, match.FKA, match.NKA, match.Native, match.Acronym:
		return true
	}
	return false
}

// entityLines returns the line of each entry under "entities", so validation
// errors point at the entry to fix. The strict decode has already succeeded,
// so a failure here only costs the line numbers.
func entityLines(data []byte) []int {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil || len(root.Content) == 0 {
		return nil
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != "entities" {
			continue
		}
		lines := make([]int, 0, len(m.Content[i+1].Content))
		for _, n := range m.Content[i+1].Content {
			lines = append(lines, n.Line)
		}
		return lines
	}
	return nil
}

func (b builtinEntity) entity() *match.Entity {
	e := &match.Entity{
		ID:          BuiltinListID + ":" + b.ID,
		List:        BuiltinListID,
		Source:      b.Source,
		Type:        b.Type,
		Name:        b.Name,
		Aliases:     b.Aliases,
		Countries:   b.Countries,
		Addresses:   b.Addresses,
		Programs:    b.Programs,
		LegalBasis:  b.LegalBasis,
		Relation:    b.Relation,
		Remarks:     b.Remarks,
		ListedOn:    b.ListedOn,
		Identifiers: b.Identifiers,
		SourceURL:   b.SourceURL,
		Group:       b.GroupRule,
	}
	if b.Parent != "" {
		e.ParentID = BuiltinListID + ":" + b.Parent
	}
	return e
}
