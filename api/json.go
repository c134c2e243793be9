package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"

	"github.com/gin-gonic/gin"
)

// jsonBuffers hold response bodies while they are written. c.JSON encodes
// with json.Marshal, which allocates each body anew; a screening's body is
// the largest thing its request allocates.
var jsonBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledJSON is the largest buffer kept for reuse: one a large batch
// grew is left to the collector.
const maxPooledJSON = 64 << 10

// writeJSON writes v with the body c.JSON would write, byte for byte, and
// its Content-Length, so a body over 2 KiB is not sent chunked.
func (s *server) writeJSON(c *gin.Context, status int, v any) {
	buf := jsonBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= maxPooledJSON {
			jsonBuffers.Put(buf)
		}
	}()
	var body []byte
	if a, ok := v.(jsonAppender); ok {
		b, err := a.appendJSON(buf.AvailableBuffer())
		if err != nil {
			s.writeError(c, fmt.Errorf("encoding the response: %w", err))
			return
		}
		buf.Write(b) // b is buf's own spare room when it fitted: kept for reuse
		body = buf.Bytes()
	} else {
		if err := json.NewEncoder(buf).Encode(v); err != nil {
			s.writeError(c, fmt.Errorf("encoding the response: %w", err))
			return
		}
		body = bytes.TrimSuffix(buf.Bytes(), []byte("\n")) // Encode ends with one; Marshal does not
	}
	c.Header("Content-Length", strconv.Itoa(len(body)))
	c.Data(status, "application/json; charset=utf-8", body)
}
