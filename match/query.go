package match

import (
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"
)

// Errors a caller maps to responses: both are the caller's fault.
var (
	// ErrInvalidQuery wraps every reason a query cannot be screened.
	ErrInvalidQuery = errors.New("invalid query")
	// ErrUnknownList is returned for a list id that is not loaded or configured.
	ErrUnknownList = errors.New("unknown list")
	// ErrNotFound is returned for an entity id that no loaded list holds.
	ErrNotFound = errors.New("not found")
)

// MaxNameLength is the longest name, in characters, a query may carry.
const MaxNameLength = 1000

// Limits on a query's threshold and hit limit.
const (
	MinLimit = 1
	MaxLimit = 100
)

// Query is one name to screen. Threshold and Limit are nil when the caller
// wants the configured defaults.
type Query struct {
	Name      string
	Type      EntityType // empty: any type
	Country   string     // ISO 3166-1 alpha-2, upper case; empty: any
	Lists     []string   // list ids; empty: every loaded list
	Threshold *float64
	Limit     *int
}

// Validate reports the first reason q cannot be screened, wrapping ErrInvalidQuery.
func (q Query) Validate() error {
	return q.validate(func() bool { return len(Tokens(q.Name)) > 0 })
}

// Prepare validates q as Validate does and returns its name prepared for
// Index.Search, reading the name once where Validate then Prepare would
// read it twice.
func (q Query) Prepare() (*Prepared, error) {
	var p *Prepared
	err := q.validate(func() bool {
		p = Prepare(q.Name)
		return p.normalized != "" // "" when the name has no tokens
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// validate is Validate, asking hasWords whether the name, known to be valid
// UTF-8 of a sane length, has any word.
func (q Query) validate(hasWords func() bool) error {
	switch {
	case !utf8.ValidString(q.Name):
		return fmt.Errorf("%w: name is not valid UTF-8", ErrInvalidQuery)
	case utf8.RuneCountInString(q.Name) > MaxNameLength:
		return fmt.Errorf("%w: name is longer than %d characters", ErrInvalidQuery, MaxNameLength)
	case !hasWords():
		return fmt.Errorf("%w: name is required and must contain letters or digits", ErrInvalidQuery)
	case !q.Type.Valid():
		return fmt.Errorf("%w: type %q is not one of organization, individual, vessel, aircraft", ErrInvalidQuery, q.Type)
	case q.Country != "" && !validCountry(q.Country):
		return fmt.Errorf("%w: country %q is not an ISO 3166-1 alpha-2 code", ErrInvalidQuery, q.Country)
	case q.Threshold != nil && (*q.Threshold < 0 || *q.Threshold > 1 || *q.Threshold != *q.Threshold):
		return fmt.Errorf("%w: threshold must be between 0 and 1", ErrInvalidQuery)
	case q.Limit != nil && (*q.Limit < MinLimit || *q.Limit > MaxLimit):
		return fmt.Errorf("%w: limit must be between %d and %d", ErrInvalidQuery, MinLimit, MaxLimit)
	}
	return nil
}

func validCountry(c string) bool {
	return len(c) == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z'
}

// Status is the outcome of screening one name.
type Status string

// The two outcomes: any hit at or above the threshold is a potential match.
const (
	Clear          Status = "clear"
	PotentialMatch Status = "potential_match"
)

// Result is what screening one name found.
type Result struct {
	Normalized string // the query as the matcher read it
	Status     Status
	Hits       []Hit // score descending, all >= the threshold
	// Lists are the lists screened, with the version of each that the
	// index that screened them held: what an officer cites.
	Lists []ListVersion
}

// ListVersion names a list a screening ran against and its version.
type ListVersion struct {
	ID      string `json:"id"`
	Version string `json:"version"`
}

// SelectLists names the lists a screening runs against, from held, the
// lists an index holds: those requested, each once and in order (one
// never loaded has no version), or every list held when none is. It
// returns held itself then: read only.
func SelectLists(held []ListVersion, requested []string) []ListVersion {
	if len(requested) == 0 {
		if held == nil {
			return []ListVersion{}
		}
		return held
	}
	out := make([]ListVersion, 0, len(requested))
	for _, id := range requested {
		if slices.ContainsFunc(out, func(v ListVersion) bool { return v.ID == id }) {
			continue
		}
		v := ListVersion{ID: id}
		if k := slices.IndexFunc(held, func(v ListVersion) bool { return v.ID == id }); k >= 0 {
			v.Version = held[k].Version
		}
		out = append(out, v)
	}
	return out
}

// Hit is one entity a query may refer to.
type Hit struct {
	Entity      *Entity
	MatchedName string  // the listed name or alias that met the query
	Weak        bool    // the matched alias is one the list calls weak
	Score       float64 // 0..1, 1 for the same name
	Relation    string  // how the entity relates to a listed party, if it does
	Explanation Explanation
}

// Explanation says why a hit scored what it did, in terms an officer can check.
type Explanation struct {
	// Rule is "name" for a match on a listed name, "group" for the group rule.
	Rule    string `json:"rule"`
	Summary string `json:"summary"`
	// Words pairs each query word with the listed word it met.
	Words []WordMatch `json:"words,omitempty"`
	// Unmatched lists words on either side that met nothing; they lower the score.
	Unmatched []UnmatchedWord `json:"unmatched,omitempty"`
	// Adjustments are qualifiers that changed the score (country, type, weak alias).
	Adjustments []string `json:"adjustments,omitempty"`
}

// WordMatch is a query word aligned to a listed word.
type WordMatch struct {
	Query      string  `json:"query"`
	Listed     string  `json:"listed"`
	Similarity float64 `json:"similarity"`
	Weight     float64 `json:"weight"`
	How        string  `json:"how"` // exact, spelling variant, typo, legal form, joined words, initial
}

// UnmatchedWord is a word on one side that met nothing on the other.
type UnmatchedWord struct {
	Word   string  `json:"word"`
	Side   string  `json:"side"` // "query" or "listed"
	Weight float64 `json:"weight"`
	Kind   string  `json:"kind"` // distinctive, generic, legal form, number
}
