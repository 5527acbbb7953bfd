//go:build !race

package planner_test

// raceOn: see race_on_test.go.
const raceOn = false
