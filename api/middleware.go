package api

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"
)

// Context keys the middleware and handlers share.
const (
	ctxRequestID = "request_id"
	// ctxHits is set by the screen handlers to the number of hits returned.
	ctxHits = "hits"
	// ctxItems is set by the batch handler to the number of items screened.
	ctxItems = "items"
)

// headerRequestID carries the request id in and out.
const headerRequestID = "X-Request-ID"

// maxRequestIDLen bounds an incoming request id we are willing to echo.
const maxRequestIDLen = 128

// requestID honours a sane incoming X-Request-ID, or makes one, and echoes
// it on the response so a client can quote it.
func requestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader(headerRequestID)
		if !validRequestID(id) {
			id = newRequestID()
		}
		c.Set(ctxRequestID, id)
		c.Header(headerRequestID, id)
		c.Next()
	}
}

// validRequestID accepts 1..128 printable ASCII characters: anything else
// could break a log line or a header.
func validRequestID(id string) bool {
	if len(id) == 0 || len(id) > maxRequestIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < 0x20 || id[i] > 0x7e {
			return false
		}
	}
	return true
}

func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

// requestIDOf returns the id the requestID middleware set.
func requestIDOf(c *gin.Context) string {
	return c.GetString(ctxRequestID)
}

// recovery turns a panic into a 500 JSON error, logged once with the request
// id and the stack, so one bad request never takes the service down.
func recovery(log *zap.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			log.Error("panic",
				zap.String("request_id", requestIDOf(c)),
				zap.Any("panic", v),
				zap.ByteString("stack", debug.Stack()),
			)
			if c.Writer.Written() {
				c.Abort() // too late for a JSON body; the client sees a truncated one
				return
			}
			abortJSON(c, http.StatusInternalServerError, codeInternal, internalMessage)
		}()
		c.Next()
	}
}

// accessLog writes one line per request. It never logs the query string, the
// raw path or anything from the body: screened names are commercial data.
//
// Every line comes from here, so it carries no caller: finding it costs a
// stack walk per request.
func accessLog(log *zap.Logger) gin.HandlerFunc {
	log = log.WithOptions(zap.WithCaller(false))
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		fields := make([]zap.Field, 0, 8)
		fields = append(fields,
			zap.String("request_id", requestIDOf(c)),
			zap.String("method", methodLabel(c.Request.Method)),
			zap.String("route", routeLabel(c)),
			zap.Int("status", c.Writer.Status()),
			zap.Duration("duration", time.Since(start)),
		)
		for _, key := range []string{ctxItems, ctxHits} {
			if v, ok := c.Get(key); ok {
				if n, ok := v.(int); ok {
					fields = append(fields, zap.Int(key, n))
				}
			}
		}
		fields = append(fields, zap.Int("bytes", max(c.Writer.Size(), 0)))
		log.Info("request", fields...)
	}
}

// bodyLimit caps every request body: at limit, or at the limit perRoute
// gives the route (by template) instead. A declared length over the limit is
// refused at once; a chunked body fails with *http.MaxBytesError on read.
func bodyLimit(limit int64, perRoute map[string]int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		limit := limit
		if l, ok := perRoute[c.FullPath()]; ok {
			limit = l
		}
		if c.Request.ContentLength > limit {
			status, code, msg := classify(&http.MaxBytesError{Limit: limit})
			abortJSON(c, status, code, msg)
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
		c.Next()
	}
}

// methodLabel keeps the method label to the standard set.
func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodConnect, http.MethodOptions, http.MethodTrace:
		return m
	}
	return "other"
}

// routeLabel is the route template, never the raw path.
func routeLabel(c *gin.Context) string {
	if r := c.FullPath(); r != "" {
		return r
	}
	return "unmatched"
}

// adminOnly lets a request through when token is empty or the request
// carries it as "Authorization: Bearer <token>"; otherwise it answers 401.
// The comparison takes the same time wherever the two differ.
func adminOnly(token string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if token == "" {
			c.Next()
			return
		}
		scheme, got, ok := strings.Cut(c.GetHeader("Authorization"), " ")
		ok = ok && strings.EqualFold(scheme, "Bearer") // schemes are case-insensitive (RFC 9110)
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
			c.Header("WWW-Authenticate", `Bearer realm="rpscreen admin"`)
			status, code, msg := classify(fmt.Errorf("%w: this route needs the admin token as \"Authorization: Bearer <token>\"", errUnauthorized))
			abortJSON(c, status, code, msg)
			return
		}
		c.Next()
	}
}
