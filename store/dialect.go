package store

import "fmt"

// dialect holds the few SQL forms that SQLite and PostgreSQL write
// differently; everything else the store writes once, portably (COALESCE,
// string_agg … ORDER BY, CAST(x AS TEXT)), and the PostgreSQL driver
// (pgdriver.go) only renumbers placeholders.
type dialect struct{ pg bool }

// migrations is the folder of this backend's migrations in migrationFS.
func (d dialect) migrations() string {
	if d.pg {
		return "migrations/pg/"
	}
	return "migrations/"
}

// nowText is the database's current instant as a stored instant (UTC, fixed width).
func (d dialect) nowText() string {
	if d.pg {
		return `to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`
	}
	return `strftime('%Y-%m-%dT%H:%M:%SZ', 'now')`
}

// hoursBefore is the stored instant expr moved h hours back, as a stored instant.
func (d dialect) hoursBefore(expr string, h int) string {
	if d.pg {
		return fmt.Sprintf(`to_char(CAST(%s AS timestamp) - interval '%d hours', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`, expr, h)
	}
	return fmt.Sprintf(`strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', %s, '-%d hours')`, expr, h)
}

// rotationMembers counts the rotations' member entries (in the JSON of
// their periods) that name the guard of parameter ?.
func (d dialect) rotationMembers() string {
	if d.pg {
		return `(SELECT COUNT(*) FROM rotations r, jsonb_array_elements(CAST(r.periods AS jsonb)) p,
			jsonb_array_elements(COALESCE(p.value->'members', '[]'::jsonb)) m WHERE m.value = to_jsonb(CAST(? AS BIGINT)))`
	}
	return `(SELECT COUNT(*) FROM rotations r, json_each(r.periods) p, json_each(json_extract(p.value, '$.members')) m
			   WHERE m.value = ?)`
}

// userNameIs matches a user's login name to parameter ?, without regard to
// case (SQLite's column is COLLATE NOCASE; PostgreSQL's unique index is on lower(name)).
func (d dialect) userNameIs() string {
	if d.pg {
		return "lower(name) = lower(?)"
	}
	return "name = ?"
}
