package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ofgl/ofgl-cookies/inspect"
	"github.com/ofgl/ofgl-cookies/ui/report"
)

// batchJSON is one batch in undo --list --json: what it did and where,
// never the cookies' values its undo record keeps.
type batchJSON struct {
	ID       string           `json:"id"`
	Created  time.Time        `json:"created"`
	Status   string           `json:"status"`
	Cookies  int              `json:"cookies"`
	Undoable bool             `json:"undoable"`
	Next     bool             `json:"next"` // the batch a bare undo takes
	Undone   *time.Time       `json:"undone"`
	Stores   []batchStoreJSON `json:"stores"`
}

type batchStoreJSON struct {
	Browser string `json:"browser"`
	Profile string `json:"profile"`
	Path    string `json:"path"`
	Kind    string `json:"kind"`
	Status  string `json:"status"`
}

// listBatches prints undo --list: the batches newest first, as a table
// with column headers or as JSON; next is the one a bare undo takes.
func listBatches(env Env, batches []inspect.Batch, next string, asJSON bool) int {
	t := env.t()
	if asJSON {
		out := make([]batchJSON, 0, len(batches))
		for _, b := range batches {
			j := batchJSON{ID: b.ID, Created: b.Created, Status: b.Status, Cookies: b.Cookies(),
				Undoable: b.Undoable(), Next: b.ID == next, Undone: b.Undone, Stores: []batchStoreJSON{}}
			for _, s := range b.Stores {
				j.Stores = append(j.Stores, batchStoreJSON{Browser: s.Store.Browser, Profile: s.Store.Profile,
					Path: s.Store.Path, Kind: string(s.Store.Kind), Status: s.Status})
			}
			out = append(out, j)
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			env.warnf("%s", env.t().Error(err))
			return ExitRuntime
		}
		return ExitOK
	}
	if len(batches) == 0 {
		fmt.Fprintln(env.Stdout, t.UndoNone)
		return ExitOK
	}
	fmt.Fprintln(env.Stdout, t.UndoBatches)
	w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "  "+strings.ReplaceAll(t.UndoListColumnNames, "|", "\t"))
	for _, b := range batches {
		fmt.Fprintf(w, "  %s\t%s\t%s\t%s", report.Clean(b.ID), b.Created.Local().Format(time.DateTime),
			cookieCount(t, b.Cookies()), statusText(t, b.Status))
		if b.ID == next {
			fmt.Fprint(w, "\t"+t.UndoNext)
		}
		fmt.Fprintln(w)
	}
	if err := w.Flush(); err != nil {
		env.warnf("%s", env.t().Error(err))
		return ExitRuntime
	}
	return ExitOK
}
