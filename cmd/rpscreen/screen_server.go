package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/rpscreen/rpscreen/api"
	"github.com/rpscreen/rpscreen/match"
)

// serverChunk is the most items sent in one batch request: small enough
// for any sensible server.batch_max_items and for steady progress.
const serverChunk = 1000

// serverTimeout bounds one request to the server.
const serverTimeout = 2 * time.Minute

// remote screens through a running rpscreen's HTTP API.
type remote struct {
	base   string // scheme://host[:port][/prefix], no trailing slash
	client *http.Client
}

func newRemote(raw string) (*remote, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("--server %q: want a base URL such as http://localhost:8080", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("--server %q: a base URL has no query or fragment", raw)
	}
	return &remote{base: strings.TrimSuffix(u.String(), "/"), client: &http.Client{Timeout: serverTimeout}}, nil
}

// screenQuestion is the body of POST /v1/screen.
type screenQuestion struct {
	Name      string   `json:"name"`
	Type      string   `json:"type,omitempty"`
	Country   string   `json:"country,omitempty"`
	Lists     []string `json:"lists,omitempty"`
	Threshold *float64 `json:"threshold,omitempty"`
	Limit     *int     `json:"limit,omitempty"`
}

// screenAnswer is what the CLI reads of a POST /v1/screen answer.
type screenAnswer struct {
	nameResult
	Lists []api.ListVersion `json:"lists"`
}

// screenNames screens each query with POST /v1/screen, one at a time.
func (r *remote) screenNames(ctx context.Context, qs []match.Query) ([]nameResult, []api.ListVersion, error) {
	results := make([]nameResult, len(qs))
	var screened []api.ListVersion
	for i, q := range qs {
		var resp screenAnswer
		req := screenQuestion{Name: q.Name, Type: string(q.Type), Country: q.Country, Lists: q.Lists, Threshold: q.Threshold, Limit: q.Limit}
		if err := r.post(ctx, "/v1/screen", req, &resp); err != nil {
			return nil, nil, fmt.Errorf("NAME %d: %w", i+1, err)
		}
		if resp.Hits == nil {
			resp.Hits = []api.Hit{}
		}
		results[i], screened = resp.nameResult, resp.Lists
	}
	return results, screened, nil
}

// screenBatch screens one chunk with POST /v1/screen/batch.
func (r *remote) screenBatch(ctx context.Context, items []api.BatchItem, f screenFlags, progress func(done int)) ([]api.BatchItemResult, []api.ListVersion, error) {
	var resp api.BatchResponse
	req := api.BatchRequest{Items: items, Threshold: f.threshold, Limit: f.limit, Lists: f.lists}
	if err := r.post(ctx, "/v1/screen/batch", req, &resp); err != nil {
		return nil, nil, err
	}
	if len(resp.Results) != len(items) {
		return nil, nil, fmt.Errorf("server %s answered %d results for %d items", r.base, len(resp.Results), len(items))
	}
	progress(len(items))
	return resp.Results, resp.Lists, nil
}

// post sends body as JSON and decodes a 200 answer into out; any other
// answer is an error quoting the server's message.
func (r *remote) post(ctx context.Context, path string, body, out any) error {
	raw, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.base+path, bytes.NewReader(raw))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "rpscreen/"+version)
	resp, err := r.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("server %s: %w", r.base, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return serverError(r.base+path, resp)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("server %s%s: reading the answer: %w", r.base, path, err)
	}
	return nil
}

// serverError quotes the server's JSON error, or its status line.
func serverError(where string, resp *http.Response) error {
	var body struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if json.Unmarshal(raw, &body) == nil && body.Error.Message != "" {
		return fmt.Errorf("server %s answered %d %s: %s", where, resp.StatusCode, body.Error.Code, body.Error.Message)
	}
	return fmt.Errorf("server %s answered %s", where, resp.Status)
}
