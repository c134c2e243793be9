package lists

import "time"

// Status is what GET /v1/lists reports about one configured list.
type Status struct {
	ID       string `json:"id"`
	Format   string `json:"format"`
	Source   string `json:"source"` // path, URL or "built-in"
	Entities int    `json:"entities"`
	Names    int    `json:"names"` // primary names plus aliases
	// LoadedAt is when the serving copy was loaded; nil before the first load.
	LoadedAt *time.Time `json:"loaded_at"`
	// Version identifies the serving copy: a content hash, plus the
	// publisher's date where the file carries one.
	Version   string `json:"version"`
	Published string `json:"published,omitempty"` // the publisher's date in the file

	LastError string `json:"last_error"`
}
