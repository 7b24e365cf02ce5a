package inspect

import (
	"context"
	"errors"
)

// deleteFromFile removes cookies from a text jar or a Safari binarycookies file.
func deleteFromFile(ctx context.Context, batch *Batch, idx int, storeDir, format string, group []Cookie, opts DeleteOptions) ([]Cookie, error) {
	return nil, errors.New("deleting from this kind of store is not supported yet")
}

// undoFileEntries puts removed entries back into a file store.
func undoFileEntries(ctx context.Context, bs *BatchStore, preDir string) (int, []string, error) {
	if bs.Store.Kind == KindFirefoxSession {
		return undoSessionEntries(bs)
	}
	return 0, nil, errors.New("undo for this kind of store is not supported yet")
}
