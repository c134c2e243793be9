package match

import (
	"strings"
	"testing"
)

// Query.Prepare judges a query as Validate does, reason for reason, and
// prepares the name as Prepare does.
func TestQueryPrepareAgreesWithValidate(t *testing.T) {
	bad, limit := 1.5, 0
	for _, q := range []Query{
		{Name: "Kaspersky Lab"},
		{Name: "ООО Касперский", Type: Organization, Country: "RU"},
		{Name: "  !!! ,,, "},
		{Name: ""},
		{Name: "\xff\xfe"},
		{Name: strings.Repeat("a", MaxNameLength+1)},
		{Name: "!!!", Type: "ship"}, // two faults: the name's is reported
		{Name: "Acme", Type: "ship"},
		{Name: "Acme", Country: "gb"},
		{Name: "Acme", Threshold: &bad},
		{Name: "Acme", Limit: &limit},
	} {
		want := q.Validate()
		p, err := q.Prepare()
		if (err == nil) != (want == nil) || err != nil && err.Error() != want.Error() {
			t.Errorf("%+v: Prepare error %v, Validate %v", q, err, want)
			continue
		}
		if err == nil && p.Normalized() != Prepare(q.Name).Normalized() {
			t.Errorf("%+v: prepared %q, want %q", q, p.Normalized(), Prepare(q.Name).Normalized())
		}
	}
}
