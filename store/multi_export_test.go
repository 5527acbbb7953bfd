package store

// LeaderKeySQL is the leadership lock's key, for the tests that kill its session.
const LeaderKeySQL = leaderKeySQL
