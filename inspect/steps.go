package inspect

// The named steps of the deletion protocol, the same for every store kind.
// DeleteOptions.Interrupt is called at each of them, so that tests can kill
// the process exactly there and check what the next run finds.
const (
	StepBackedUp  = "after-backup"        // the store's files are copied and hashed
	StepRecorded  = "after-undo-record"   // the undo record is written, nothing changed yet
	StepCommit    = "before-commit"       // the change is made but not committed or renamed into place
	StepCommitted = "after-commit"        // the store holds the change
	StepVerifying = "during-verification" // the fresh read that checks the result
)

// Steps lists the named steps in protocol order.
var Steps = []string{StepBackedUp, StepRecorded, StepCommit, StepCommitted, StepVerifying}

// step calls the Interrupt hook, if any.
func (o DeleteOptions) step(name string) {
	if o.Interrupt != nil {
		o.Interrupt(name)
	}
}
