package api

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"
)

// The shapes every resource shares: read one by :id, create from a body,
// change by a JSON merge patch, delete. Each resource's file names its routes
// and the store calls; these do the HTTP.

// getOne answers GET /…/:id with find's result.
func getOne[T any](find func(context.Context, int64) (T, error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := pathID(c)
		if err != nil {
			return err
		}
		v, err := find(c.Request().Context(), id)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, v)
	}
}

// createOne answers POST with 201 and the stored value: fresh gives the
// value with its defaults, which the strict body fills in.
func createOne[T any](fresh func() *T, create func(context.Context, *T) error) echo.HandlerFunc {
	return func(c echo.Context) error {
		v := fresh()
		if err := bind(c, v); err != nil {
			return err
		}
		if err := create(c.Request().Context(), v); err != nil {
			return err
		}
		return c.JSON(http.StatusCreated, v)
	}
}

// patchOne answers PATCH /…/:id: the body is a JSON merge patch applied, in
// the store's transaction, to the current value; readOnly members may only
// repeat their current value.
func patchOne[T any](update func(context.Context, int64, func(*T) error) (*T, error), readOnly ...string) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := pathID(c)
		if err != nil {
			return err
		}
		body, err := readBody(c)
		if err != nil {
			return err
		}
		v, err := update(c.Request().Context(), id, func(v *T) error { return applyMergePatch(body, v, readOnly...) })
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, v)
	}
}

// deleteOne answers DELETE /…/:id with 204.
func deleteOne(del func(context.Context, int64) error) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := pathID(c)
		if err != nil {
			return err
		}
		if err := del(c.Request().Context(), id); err != nil {
			return err
		}
		return c.NoContent(http.StatusNoContent)
	}
}
