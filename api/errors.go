package api

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"github.com/rpscreen/rpscreen/match"
)

// Errors the api itself raises; the table below gives them their status.
var (
	// errInvalidRequest wraps every way a request body can be unreadable.
	errInvalidRequest = errors.New("invalid request")
	// errNoRoute is an unknown path.
	errNoRoute = errors.New("no such route")
	// errMethodNotAllowed is a known path asked with the wrong method.
	errMethodNotAllowed = errors.New("method not allowed")
	// errNotReady is /readyz before every list has loaded.
	errNotReady = errors.New("not ready")
	// errUnauthorized is an admin route asked without the admin token.
	errUnauthorized = errors.New("unauthorized")
)

// Error codes in the JSON error body.
const (
	codeInvalidRequest   = "invalid_request"
	codeNotFound         = "not_found"
	codeMethodNotAllowed = "method_not_allowed"
	codePayloadTooLarge  = "payload_too_large"
	codeNotReady         = "not_ready"
	codeUnauthorized     = "unauthorized"
	codeInternal         = "internal"
)

// internalMessage is all a client learns about an error we did not expect.
const internalMessage = "internal error; quote the request id when reporting it"

// errorRule maps the errors it matches to a status and a code.
type errorRule struct {
	matches func(error) bool
	status  int
	code    string
}

func is(target error) func(error) bool {
	return func(err error) bool { return errors.Is(err, target) }
}

func isMaxBytes(err error) bool {
	var mb *http.MaxBytesError
	return errors.As(err, &mb)
}

// errorTable is the one place an error becomes a status code. The first
// matching rule wins; an error no rule matches is a 500.
var errorTable = []errorRule{
	{isMaxBytes, http.StatusRequestEntityTooLarge, codePayloadTooLarge},
	{is(errTooManyItems), http.StatusRequestEntityTooLarge, codePayloadTooLarge},
	{is(errInvalidRequest), http.StatusBadRequest, codeInvalidRequest},
	{is(match.ErrInvalidQuery), http.StatusBadRequest, codeInvalidRequest},
	{is(match.ErrUnknownList), http.StatusBadRequest, codeInvalidRequest},
	{is(match.ErrNotFound), http.StatusNotFound, codeNotFound},
	{is(errNoRoute), http.StatusNotFound, codeNotFound},
	{is(errMethodNotAllowed), http.StatusMethodNotAllowed, codeMethodNotAllowed},
	{is(errNotReady), http.StatusServiceUnavailable, codeNotReady},
	{is(errUnauthorized), http.StatusUnauthorized, codeUnauthorized},
}

// errorBody is the JSON shape of every error response.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// classify returns the status, code and client-facing message for err.
func classify(err error) (status int, code, message string) {
	for _, r := range errorTable {
		if r.matches(err) {
			msg := err.Error()
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				msg = fmt.Sprintf("request body is larger than the limit of %d bytes", mb.Limit)
			}
			return r.status, r.code, msg
		}
	}
	return http.StatusInternalServerError, codeInternal, internalMessage
}

// writeError renders err through the table and aborts the chain. Errors the
// table does not know are logged here, once, with the request id; the
// client gets a generic message.
func (s *server) writeError(c *gin.Context, err error) {
	status, code, msg := classify(err)
	if status == http.StatusInternalServerError {
		s.log.Error("internal error", zap.String("request_id", requestIDOf(c)), zap.Error(err))
	}
	abortJSON(c, status, code, msg)
}

// abortJSON writes one JSON error body and stops the handler chain.
func abortJSON(c *gin.Context, status int, code, msg string) {
	c.AbortWithStatusJSON(status, errorBody{Error: errorDetail{Code: code, Message: msg}})
}

func (s *server) noRoute(c *gin.Context) {
	s.writeError(c, fmt.Errorf("%w: %s %s", errNoRoute, c.Request.Method, c.Request.URL.Path))
}

func (s *server) noMethod(c *gin.Context) {
	s.writeError(c, fmt.Errorf("%w: %s %s (allowed: %s)",
		errMethodNotAllowed, c.Request.Method, c.Request.URL.Path, c.Writer.Header().Get("Allow")))
}
