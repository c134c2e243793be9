// Package match is rpscreen's domain: restricted-party entities, name
// normalisation, the index that finds candidates, scoring and explanations.
// It depends on the standard library, agnivade/levenshtein and golang.org/x/text
// only; lists build entities, match indexes them, api renders the hits.
package match

// EntityType says what kind of party an entity is.
type EntityType string

// The entity types a list can carry and a query can ask for.
const (
	Organization EntityType = "organization"
	Individual   EntityType = "individual"
	Vessel       EntityType = "vessel"
	Aircraft     EntityType = "aircraft"
)

// Valid reports whether t is one of the known types. The empty type is valid
// and means "any" in a query and "unknown" on an entity.
func (t EntityType) Valid() bool {
	switch t {
	case "", Organization, Individual, Vessel, Aircraft:
		return true
	}
	return false
}

// AliasKind says how a list relates an alias to the primary name.
type AliasKind string

// Alias kinds. Lists that do not say are recorded as AKA.
const (
	AKA     AliasKind = "aka"     // also known as
	FKA     AliasKind = "fka"     // formerly known as
	NKA     AliasKind = "nka"     // now known as
	Native  AliasKind = "native"  // the name in its own script or language
	Acronym AliasKind = "acronym" // an abbreviation the entity is known by
)

// Alias is another name an entity is listed under.
type Alias struct {
	Name string    `json:"name" yaml:"name"`
	Kind AliasKind `json:"kind,omitempty" yaml:"kind"`
	// Weak is set where the list itself calls the alias weak or low quality
	// (OFAC "weak a.k.a.", UK "Low quality a.k.a"): it is screened, but a hit
	// on it says so.
	Weak bool `json:"weak,omitempty" yaml:"weak"`
}

// LegalBasis is the measure that put an entity on a list: who, under what
// regime, where it was published and what it requires.
type LegalBasis struct {
	Authority   string `json:"authority,omitempty" yaml:"authority"`     // "US Department of Commerce, BIS"
	Regime      string `json:"regime" yaml:"regime"`                     // "Entity List (15 CFR Part 744, Supp. No. 4)"
	Citation    string `json:"citation,omitempty" yaml:"citation"`       // "89 FR 52363"
	Date        string `json:"date,omitempty" yaml:"date"`               // "2024-06-24", ISO 8601
	Requirement string `json:"requirement,omitempty" yaml:"requirement"` // licence requirement, prohibition
	Policy      string `json:"policy,omitempty" yaml:"policy"`           // licence review policy
	URL         string `json:"url,omitempty" yaml:"url"`                 // where an officer can read it
	Notes       string `json:"notes,omitempty" yaml:"notes"`             // scope, carve-outs
}

// Identifier is a registration, tax, passport or other number on a listing.
type Identifier struct {
	Type    string `json:"type" yaml:"type"`
	Value   string `json:"value" yaml:"value"`
	Country string `json:"country,omitempty" yaml:"country"`
}

// GroupRule extends a listing to every company of a corporate group: a name
// whose distinctive word is one of the brand stems (in any spelling or
// script, after normalisation) is a hit on the entity even when it matches no
// listed name well. The ICTS Final Determination on Kaspersky Lab, Inc. covers
// "all affiliates, subsidiaries, and parent companies", which is what this is for.
type GroupRule struct {
	// Stems are normalised Latin word stems ("kaspersk"): a query word that
	// starts with one (allowing one typo) carries the brand.
	Stems []string `json:"stems" yaml:"stems"`
	// Score is the score a group hit gets when the brand word matches exactly;
	// typos lower it. It sits below a real name match on purpose.
	Score float64 `json:"score" yaml:"score"`
	// Relation is what a group hit says about the submitted company.
	Relation string `json:"relation" yaml:"relation"`
}

// Entity is one listed party, the same shape whatever list it came from.
type Entity struct {
	ID   string `json:"id"`   // "<list>:<id on the list>", unique across lists
	List string `json:"list"` // the configured list id: "kaspersky", "ofac_sdn"
	// Source names the publication within the list, where a list bundles
	// several: "Entity List (EL) - Bureau of Industry and Security".
	Source       string       `json:"source,omitempty"`
	Type         EntityType   `json:"type,omitempty"`
	Name         string       `json:"name"`
	Aliases      []Alias      `json:"aliases,omitempty"`
	Countries    []string     `json:"countries,omitempty"` // ISO 3166-1 alpha-2
	Addresses    []string     `json:"addresses,omitempty"`
	Programs     []string     `json:"programs,omitempty"`
	LegalBasis   []LegalBasis `json:"legal_basis,omitempty"`
	Relation     string       `json:"relation,omitempty"`  // to a listed parent, for subsidiaries
	ParentID     string       `json:"parent_id,omitempty"` // entity id of that parent
	Remarks      string       `json:"remarks,omitempty"`
	ListedOn     string       `json:"listed_on,omitempty"` // ISO 8601 date
	DatesOfBirth []string     `json:"dates_of_birth,omitempty"`
	Identifiers  []Identifier `json:"identifiers,omitempty"`
	SourceURL    string       `json:"source_url,omitempty"`
	Group        *GroupRule   `json:"group_rule,omitempty"`
}

// Names returns the primary name followed by every alias, as they are screened.
func (e *Entity) Names() []Alias {
	out := make([]Alias, 0, 1+len(e.Aliases))
	out = append(out, Alias{Name: e.Name})
	return append(out, e.Aliases...)
}
