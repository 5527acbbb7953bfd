package api

import (
	"net/http"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/engine"
	"catruc/scheduler/render"

	"github.com/labstack/echo/v4"
)

func (s *Server) needEngine() error {
	if s.engine == nil {
		return scheduler.E(scheduler.ENOTFOUND, "", "api.engine_off")
	}
	return nil
}

// GET /api/v1/jobs — [{name, schedule, last_run, next_run, last_duration_ms, last_error, running}]
func (s *Server) listJobs(c echo.Context) error {
	if err := s.needEngine(); err != nil {
		return err
	}
	js, err := s.engine.Jobs(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, js)
}

// POST /api/v1/jobs/:name/run — runs the job now and answers when it has
// finished, with its outcome; 409 if it is running already.
func (s *Server) runJob(c echo.Context) error {
	if err := s.needEngine(); err != nil {
		return err
	}
	name := c.Param("name")
	if !s.engine.Known(name) {
		return scheduler.E(scheduler.ENOTFOUND, "name", "job.unknown", "name", name, "jobs", scheduler.JobNames)
	}
	res := s.engine.Run(c.Request().Context(), name)
	if res.Busy() {
		return scheduler.E(scheduler.ECONFLICT, "name", "job.running", "name", name)
	}
	return c.JSON(http.StatusOK, s.viewRun(res))
}

// runView is a job's run as the API answers it: its start and end in the
// office zone, like every other instant.
type runView struct {
	engine.Result
	Finished time.Time `json:"finished"`
}

func (s *Server) viewRun(r engine.Result) runView {
	loc := s.store.Location()
	r.Started = r.Started.In(loc)
	return runView{Result: r, Finished: r.Started.Add(time.Duration(r.DurationMS) * time.Millisecond)}
}

// GET /api/v1/settings/jobs
func (s *Server) getJobSettings(c echo.Context) error {
	j, err := s.store.JobSettings(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, j)
}

// PUT /api/v1/settings/jobs — schedules take effect at once.
func (s *Server) putJobSettings(c echo.Context) error {
	j := scheduler.DefaultJobSettings()
	j.Schedules = nil
	if err := bind(c, &j); err != nil {
		return err
	}
	j, err := s.store.SetJobSettings(c.Request().Context(), j)
	if err != nil {
		return err
	}
	if s.engine != nil {
		if err := s.engine.Reload(c.Request().Context()); err != nil {
			return err
		}
	}
	return c.JSON(http.StatusOK, j)
}

// notificationSettingsView hides the secrets: they are write-only.
type notificationSettingsView struct {
	scheduler.NotificationSettings
	SMTPPasswordSet bool     `json:"smtp_password_set"`
	WebhookSecrets  []string `json:"webhooks_with_secret"`
}

func viewNotificationSettings(ns scheduler.NotificationSettings) notificationSettingsView {
	v := notificationSettingsView{NotificationSettings: ns.Redacted()}
	v.SMTPPasswordSet, v.WebhookSecrets = ns.SecretsSet()
	return v
}

// GET /api/v1/settings/notifications — passwords and secrets are never returned.
func (s *Server) getNotificationSettings(c echo.Context) error {
	ns, err := s.store.NotificationSettings(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, viewNotificationSettings(ns))
}

// PUT /api/v1/settings/notifications — a password or secret left out keeps
// the stored one; "clear_smtp_password": true removes the password.
func (s *Server) putNotificationSettings(c echo.Context) error {
	var in struct {
		scheduler.NotificationSettings
		Clear   bool     `json:"clear_smtp_password"`
		Set     bool     `json:"smtp_password_set"`    // as GET shows it; ignored
		Secrets []string `json:"webhooks_with_secret"` // as GET shows it; ignored
	}
	in.NotificationSettings.EscalateAfterMinutes = 30
	if err := bind(c, &in); err != nil {
		return err
	}
	ns, err := s.store.SetNotificationSettings(c.Request().Context(), in.NotificationSettings, in.Clear)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, viewNotificationSettings(ns))
}

// POST /api/v1/settings/notifications/test {"email": "…"} — queues a test
// message to that address (default: every manager) and to every webhook.
func (s *Server) testNotification(c echo.Context) error {
	var in struct {
		Email string `json:"email"`
	}
	if c.Request().ContentLength != 0 {
		if err := bind(c, &in); err != nil {
			return err
		}
	}
	if in.Email != "" {
		check := scheduler.NotificationSettings{Managers: []scheduler.Person{{Email: in.Email}}, EscalateAfterMinutes: 1}
		if err := check.Validate(); err != nil {
			return scheduler.E(scheduler.EINVALID, "email", "common.not_email", "value", in.Email)
		}
	}
	ctx := c.Request().Context()
	ns, err := s.store.NotificationSettings(ctx)
	if err != nil {
		return err
	}
	now := s.now()
	queue, err := render.TestNotifications(ns, in.Email, now, s.store.Location())
	if err != nil {
		return err
	}
	if len(queue) == 0 {
		return scheduler.E(scheduler.EINVALID, "email", "notify.nobody")
	}
	n, err := s.store.Enqueue(ctx, queue)
	if err != nil {
		return err
	}
	if s.wake != nil {
		select {
		case s.wake <- struct{}{}:
		default:
		}
	}
	ids := []int64{}
	for _, q := range queue {
		ids = append(ids, q.ID)
	}
	return c.JSON(http.StatusAccepted, map[string]any{"queued": n, "notification_ids": ids, "at": now.In(s.store.Location()).Format(time.RFC3339)})
}
