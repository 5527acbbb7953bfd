package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"catruc/scheduler"

	"github.com/labstack/echo/v4"
)

// planLiveBeat is how often the page's stream says it is alive while the
// plan's best does not change.
const planLiveBeat = 15 * time.Second

// planLiveProgress is a progress event of the page's stream, in the page's words.
type planLiveProgress struct {
	Elapsed string `json:"elapsed"`
	Best    string `json:"best"`
}

// GET /plans/:id/live — the plan's progress for its page (server-sent
// events): "progress" events with the elapsed time and the best objective
// in the page's language, then one "done" event when the plan stops running
// (the page then loads its result), and the stream ends. A plan that has
// stopped answers "done" at once. Without JavaScript the page refreshes itself.
func (w *Web) planLive(c echo.Context) error {
	id, err := formID(c.Param("id"))
	if err != nil {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	}
	p, err := w.Planning.Get(c.Request().Context(), principal(c), id)
	if scheduler.ErrorCode(err) == scheduler.ENOTFOUND {
		return w.errorPage(c, http.StatusNotFound, "err.not_found")
	} else if err != nil {
		return err
	}
	// The stream ends with the session (checked every 30 s) and after an hour.
	ctx, cancel := w.streamContext(c, scheduler.ActionPlan)
	defer cancel()
	// A plan that ends between the two calls gives its final state at once.
	ch, stop := w.Planning.Subscribe(id)
	defer stop()
	l := lang(c)
	rw := c.Response()
	h := rw.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	rw.WriteHeader(http.StatusOK)
	send := func(event string, data any) error {
		b, err := json.Marshal(data)
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(rw, "event: %s\ndata: %s\n\n", event, b); err != nil {
			return err
		}
		rw.Flush()
		return nil
	}
	if p.Status != scheduler.PlanRunning {
		return planLiveEnd(send, p.Status)
	}
	elapsed, best := planProgressText(l, p.Progress)
	if err := send("progress", planLiveProgress{elapsed, best}); err != nil {
		return nil
	}
	beat := time.NewTicker(planLiveBeat)
	defer beat.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-beat.C:
			if _, err := fmt.Fprint(rw, ": ping\n\n"); err != nil {
				return nil
			}
			rw.Flush()
		case u, ok := <-ch:
			if !ok {
				return planLiveEnd(send, scheduler.PlanDone)
			}
			if u.Status != scheduler.PlanRunning {
				return planLiveEnd(send, u.Status)
			}
			elapsed, best := planProgressText(l, u.Progress)
			if err := send("progress", planLiveProgress{elapsed, best}); err != nil {
				return nil
			}
		}
	}
}

// planLiveEnd sends the last event: the plan stopped running.
func planLiveEnd(send func(string, any) error, status string) error {
	_ = send("done", map[string]string{"status": status})
	return nil
}
