package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

// answerCache keeps the JSON answers of the busiest reads (GET /shifts,
// GET /coverage) for the roster version they were made at: the roster's
// version moves with every change they show (store migrations 004 and 007),
// so an answer made at the current version is the answer. All of it is
// dropped when the version moves.
type answerCache struct {
	mu     sync.Mutex
	seq    int64
	bodies map[string][]byte
	size   int // bytes in bodies
}

// The cache's bounds: past them it starts again empty.
const (
	answerCacheEntries = 512
	answerCacheBytes   = 8 << 20
)

func (a *answerCache) get(seq int64, key string) ([]byte, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if seq != a.seq {
		return nil, false
	}
	b, ok := a.bodies[key]
	return b, ok
}

// put keeps b as the answer to key at version seq, unless the cache
// already holds a newer version's answers.
func (a *answerCache) put(seq int64, key string, b []byte) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if seq < a.seq || len(b) > answerCacheBytes/4 {
		return
	}
	if seq > a.seq || a.bodies == nil || len(a.bodies) >= answerCacheEntries || a.size+len(b) > answerCacheBytes {
		a.seq, a.bodies, a.size = seq, map[string][]byte{}, 0
	}
	a.bodies[key] = b
	a.size += len(b)
}

// cachedJSON answers 200 with the JSON of what build returns, from the
// cache when the roster has not changed since it was made. key names the
// answer: the route and every input build reads (query and principal).
// The version is read before build reads anything, so that a cached answer
// is never older than its version.
func (s *Server) cachedJSON(c echo.Context, key string, build func() (any, error)) error {
	seq, _, err := s.store.RosterVersion(c.Request().Context())
	if err != nil {
		return err
	}
	if b, ok := s.answers.get(seq, key); ok {
		return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, b)
	}
	v, err := build()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil { // as c.JSON writes it
		return err
	}
	s.answers.put(seq, key, buf.Bytes())
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, buf.Bytes())
}

// answerKey builds a cache key of the route and its inputs.
type answerKey []byte

func (k answerKey) str(s string) answerKey { return append(append(k, s...), '|') }

func (k answerKey) time(t *time.Time) answerKey {
	if t == nil {
		return append(k, "-|"...)
	}
	return append(t.AppendFormat(k, time.RFC3339Nano), '|') // the offset too: answers echo it
}

func (k answerKey) id(id *int64) answerKey {
	if id == nil {
		return append(k, "-|"...)
	}
	return append(strconv.AppendInt(k, *id, 10), '|')
}

// who adds the principal: its role and guard.
func (k answerKey) who(c echo.Context) answerKey {
	p := principal(c)
	return k.str(p.Role).id(p.GuardID)
}
