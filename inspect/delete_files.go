package inspect

import (
	"context"
	"errors"
)

// deleteSessionCookies removes Firefox session cookies from the session store files.
func deleteSessionCookies(ctx context.Context, batch *Batch, idx int, storeDir string, group []Cookie, opts DeleteOptions) ([]Cookie, error) {
	return nil, errors.New("deleting Firefox session cookies is not supported yet: they end with the browser session")
}

// deleteFromFile removes cookies from a text jar or a Safari binarycookies file.
func deleteFromFile(ctx context.Context, batch *Batch, idx int, storeDir, format string, group []Cookie, opts DeleteOptions) ([]Cookie, error) {
	return nil, errors.New("deleting from this kind of store is not supported yet")
}

// undoFileEntries puts removed entries back into a file store.
func undoFileEntries(ctx context.Context, bs *BatchStore, preDir string) (int, []string, error) {
	return 0, nil, errors.New("undo for this kind of store is not supported yet")
}
