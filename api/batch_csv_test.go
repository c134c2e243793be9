package api

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

const csvHeader = "id,name,country,type,status,hits,top_score,top_name,top_list,top_entity_id,error\n"

func readCSV(t *testing.T, body string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("response is not CSV: %v\n%s", err, body)
	}
	return recs
}

func TestBatchCSVInCSVOut(t *testing.T) {
	a := newBatchAPI(t, builtinRegistry(t))
	// A byte-order mark, columns in another order and case, an empty row.
	in := "\ufeffName,ID,Country\r\n" +
		"Kasperski Labs Ltd,v-1,gb\r\n" +
		"Microsoft Corporation,v-2,\r\n" +
		",,\r\n" +
		",v-3,DE\r\n" +
		"Kaspersky Lab,v-4,Germany\r\n"
	rec := a.do(t, http.MethodPost, "/v1/screen/batch?threshold=0.8&limit=2&list=kaspersky", in, "Content-Type", "text/csv")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if rec.Header().Get("X-Request-ID") == "" {
		t.Error("no X-Request-ID")
	}
	body := rec.Body.String()
	if !strings.HasPrefix(body, csvHeader) {
		t.Fatalf("header is not %q:\n%s", csvHeader, body)
	}
	recs := readCSV(t, body)
	want := [][]string{
		{"v-1", "Kasperski Labs Ltd", "gb", "", "potential_match", "2", "", "Kaspersky Labs Limited", "kaspersky", "kaspersky:kaspersky-labs-limited", ""},
		{"v-2", "Microsoft Corporation", "", "", "clear", "0", "", "", "", "", ""},
		{"v-3", "", "DE", "", "error", "0", "", "", "", "", "invalid query: name is required and must contain letters or digits"},
		{"v-4", "Kaspersky Lab", "Germany", "", "error", "0", "", "", "", "", `invalid query: country "GERMANY" is not an ISO 3166-1 alpha-2 code`},
	}
	if len(recs) != len(want)+1 {
		t.Fatalf("%d rows, want %d:\n%s", len(recs)-1, len(want), body)
	}
	for i, w := range want {
		got := recs[i+1]
		if got[0] == "v-1" {
			if got[6] == "" || got[6] > "1" || got[6] < "0.8" {
				t.Errorf("top_score %q", got[6])
			}
			got[6] = ""
		}
		if strings.Join(got, "|") != strings.Join(w, "|") {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, got, w)
		}
	}
}

// Content negotiation: Accept overrides the default of answering in the
// request's format.
func TestBatchAccept(t *testing.T) {
	a := newBatchAPI(t, &fakeScreener{})
	jsonBody, csvBody := `{"items": [{"id": "1", "name": "Kaspersky"}]}`, "id,name\n1,Kaspersky\n"
	tests := []struct {
		name, body, contentType, accept string
		csvOut                          bool
	}{
		{"JSON in, JSON out", jsonBody, "application/json", "", false},
		{"form type is JSON (curl -d)", jsonBody, "application/x-www-form-urlencoded", "*/*", false},
		{"JSON in, Accept text/csv", jsonBody, "application/json", "text/csv", true},
		{"CSV in, CSV out", csvBody, "text/csv", "", true},
		{"CSV with charset", csvBody, "text/csv; charset=utf-8", "*/*", true},
		{"CSV in, Accept application/json", csvBody, "text/csv", "application/json", false},
		{"Accept both prefers CSV", jsonBody, "application/json", "application/json, text/csv;q=0.9", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := a.do(t, http.MethodPost, "/v1/screen/batch", tt.body, "Content-Type", tt.contentType, "Accept", tt.accept)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			if tt.csvOut {
				if recs := readCSV(t, rec.Body.String()); len(recs) != 2 || recs[1][4] != "potential_match" {
					t.Errorf("CSV %q", recs)
				}
				return
			}
			var got BatchResponse
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || len(got.Results) != 1 {
				t.Errorf("JSON %v: %s", err, rec.Body)
			}
		})
	}
}

func TestBatchCSVRejectsBadRequests(t *testing.T) {
	a := newBatchAPI(t, &fakeScreener{})
	tests := []struct {
		name, query, body string
		status            int
		want              []string
	}{
		{"empty body", "", "", 400, []string{"empty", "id,name"}},
		{"no name column", "", "id,company\n1,Acme\n", 400, []string{"line 1", `"company"`}},
		{"no id column", "", "name\nAcme\n", 400, []string{"line 1", "no id column"}},
		{"unknown columns", "", "id,name,vat_id,Street\n1,Acme,DE1,Main St\n", 400, []string{"line 1", `unknown columns "vat_id", "Street"`, "country and type (optional)"}},
		{"column twice", "", "id,name,Name\n1,Acme,Acme\n", 400, []string{"line 1", `"name" appears twice`}},
		{"header only", "", "id,name\n", 400, []string{"no items"}},
		{"row with a field too many", "", "id,name\n1,Acme\n2,Acme,GB\n3,Other\n", 400, []string{"line 3", "3 fields", "header has 2"}},
		{"row with a field too few", "", "id,name,country\n1,Acme,GB\n\n2,Acme\n", 400, []string{"line 4", "2 fields", "header has 3"}},
		{"bare quote", "", "id,name\n1,Acme \"The\" Corp\n", 400, []string{"line 2", "column"}},
		{"not UTF-8", "", "id,name\n1,M\xfcller GmbH\n", 400, []string{"line 2", "UTF-8"}},
		{"unknown query parameter", "?treshold=0.9", "id,name\n1,Acme\n", 400, []string{`"treshold"`, "threshold, limit and list"}},
		{"threshold not a number", "?threshold=high", "id,name\n1,Acme\n", 400, []string{"threshold", "high"}},
		{"threshold above 1", "?threshold=1.5", "id,name\n1,Acme\n", 400, []string{"threshold", "between 0 and 1"}},
		{"threshold twice", "?threshold=0.8&threshold=0.9", "id,name\n1,Acme\n", 400, []string{"threshold", "2 times"}},
		{"limit not an integer", "?limit=2.5", "id,name\n1,Acme\n", 400, []string{"limit", "integer"}},
		{"limit 0", "?limit=0", "id,name\n1,Acme\n", 400, []string{"limit", "between 1 and 100"}},
		{"unknown list", "?list=kaspersky,nope_list", "id,name\n1,Acme\n", 400, []string{"unknown list", "nope_list"}},
		{"too many rows", "", "id,name\n" + strings.Repeat("1,Acme\n", testBatchMaxItems+1), 413, []string{"more than 2500 rows", "line 2502", "batch_max_items"}},
		{"body over the batch limit", "", "id,name\n1," + strings.Repeat("a", testBatchBodyLimit) + "\n", 413, []string{"larger than", fmt.Sprint(testBatchBodyLimit)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := a.do(t, http.MethodPost, "/v1/screen/batch"+tt.query, tt.body, "Content-Type", "text/csv")
			code := codeInvalidRequest
			if tt.status == 413 {
				code = codePayloadTooLarge
			}
			msg := wantError(t, rec, tt.status, code) // errors are JSON, even for CSV requests
			for _, w := range tt.want {
				if !strings.Contains(strings.ToLower(msg), strings.ToLower(w)) {
					t.Errorf("message %q does not mention %q", msg, w)
				}
			}
		})
	}
}

// Cells a spreadsheet would run as a formula get a leading quote on output.
func TestBatchCSVDefusesFormulas(t *testing.T) {
	a := newBatchAPI(t, &fakeScreener{})
	in := "id,name,country,type\n" +
		`"=HYPERLINK(""http://evil.example"",""x"")",Acme,,` + "\n" +
		"+41,=1+2 Trading,,\n" +
		"-3,@SUM(A1) Kasper,,\n" +
		"v4,\"\tTabbed Ltd\",,\n" +
		"v5,Plain-Name Ltd,,\n" +
		"v6,-,,\n"
	rec := a.do(t, http.MethodPost, "/v1/screen/batch", in, "Content-Type", "text/csv")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	recs := readCSV(t, rec.Body.String())
	want := [][2]string{
		{`'=HYPERLINK("http://evil.example","x")`, "Acme"},
		{"'+41", "'=1+2 Trading"},
		{"'-3", "'@SUM(A1) Kasper"},
		{"v4", "'\tTabbed Ltd"},
		{"v5", "Plain-Name Ltd"},
		{"v6", "'-"},
	}
	for i, w := range want {
		if got := recs[i+1]; got[0] != w[0] || got[1] != w[1] {
			t.Errorf("row %d: id %q name %q, want %q %q", i+1, got[0], got[1], w[0], w[1])
		}
	}
	if recs[3][4] != "potential_match" || recs[6][10] == "" || !strings.HasPrefix(recs[6][10], "invalid query") {
		t.Errorf("statuses: %q / %q", recs[3], recs[6])
	}
}
