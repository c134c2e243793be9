package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
)

// The screening body is what json.Marshal (c.JSON) writes, HTML escaping
// and all, with no newline after it and its length declared.
func TestScreenBodyIsMarshalsWithItsLength(t *testing.T) {
	a := newTestAPI(t)
	for _, name := range []string{"Kasperski Labs Ltd", "AT&T <Holdings> \u2028"} {
		rec := a.do(t, http.MethodPost, "/v1/screen", `{"name": `+strconv.Quote(name)+`}`)
		if rec.Code != http.StatusOK {
			t.Fatalf("%q: status %d: %s", name, rec.Code, rec.Body)
		}
		body := rec.Body.Bytes()
		var v screenResponse
		if err := json.Unmarshal(body, &v); err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if string(body) != string(want) {
			t.Errorf("%q: body\n %s\nwant json.Marshal's\n %s", name, body, want)
		}
		if got := rec.Header().Get("Content-Length"); got != strconv.Itoa(len(body)) {
			t.Errorf("%q: Content-Length %q, body %d bytes", name, got, len(body))
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("%q: Content-Type %q", name, ct)
		}
	}
}
