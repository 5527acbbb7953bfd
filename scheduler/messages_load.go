package scheduler

// messagesLoad are the messages of a server under load: a database kept
// busy by another writer. See messages.go.
var messagesLoad = map[string]string{
	"store.busy":        "the database is busy with another change; try again in {seconds} seconds",
	"store.unreachable": "the database cannot be reached just now; try again in {seconds} seconds",
}
