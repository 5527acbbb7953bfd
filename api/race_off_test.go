//go:build !race

package api_test

// raceOn: see race_on_test.go.
const raceOn = false
