package api

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"github.com/rpscreen/rpscreen/match"
)

// lists handles GET /v1/lists: every configured list and its state.
func (s *server) lists(c *gin.Context) {
	c.JSON(http.StatusOK, listsResponse{Lists: nonNil(s.screener.Lists())})
}

// refresh handles POST /v1/lists/:id/refresh: the list is loaded again
// from its source now. The answer is 200 with what happened, a failure
// included (the previous copy keeps serving); only an unknown list is 404.
func (s *server) refresh(c *gin.Context) {
	res, err := s.screener.Refresh(c.Request.Context(), c.Param("id"))
	if err != nil && c.Request.Context().Err() != nil {
		// The client hung up; the refresh runs on (lists.Registry.Refresh).
		s.log.Info("client left before the list refresh ended", zap.String("request_id", requestIDOf(c)),
			zap.String("list", c.Param("id")), zap.Error(err))
		c.Abort()
		return
	}
	if errors.Is(err, match.ErrUnknownList) {
		err = fmt.Errorf("%w: list %q is not configured", match.ErrNotFound, c.Param("id"))
	}
	if err != nil {
		s.writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, res)
}

// entity handles GET /v1/entities/:id: the whole listed record.
func (s *server) entity(c *gin.Context) {
	e, err := s.screener.Entity(c.Param("id"))
	if err != nil {
		s.writeError(c, err)
		return
	}
	if e == nil {
		s.writeError(c, fmt.Errorf("entity %q: screener returned no entity and no error", c.Param("id")))
		return
	}
	c.JSON(http.StatusOK, e)
}

// healthz says the process is up; it does not look at the lists.
func (s *server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// readyz says whether every configured list has loaded at least once.
func (s *server) readyz(c *gin.Context) {
	if err := s.screener.Ready(); err != nil {
		s.writeError(c, fmt.Errorf("%w: %v", errNotReady, err))
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready"})
}
