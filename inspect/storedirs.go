package inspect

import "path/filepath"

// storeDirs returns the profile directory (and, for Chromium, the
// user-data-dir) that own a store given by its path alone (--store), so
// that the running-browser check looks at the directory that holds the
// browser's locks:
//
//   - a Firefox session file in sessionstore-backups/ (recovery.jsonlz4,
//     previous.jsonlz4, upgrade.jsonlz4-*) belongs to the parent profile;
//   - a Chromium Cookies file in Default/Network/ belongs to Default, whose
//     parent is the user-data-dir that holds SingletonLock;
//   - anything else (cookies.sqlite, sessionstore.jsonlz4, a Chromium
//     Cookies file of the old layout, a text jar) belongs to its own
//     directory.
func storeDirs(path string, kind Kind) (profileDir, userDataDir string) {
	dir := filepath.Dir(path)
	switch kind {
	case KindFirefoxSession:
		if filepath.Base(dir) == "sessionstore-backups" {
			return filepath.Dir(dir), ""
		}
	case KindChromium:
		if filepath.Base(dir) == "Network" {
			dir = filepath.Dir(dir)
		}
		return dir, filepath.Dir(dir)
	}
	return dir, ""
}

// sessionFilesOf lists the session files a deletion from ref edits: every
// session file of its profile, and ref's own file even when it lies
// outside the usual layout (a copy given with --store).
func sessionFilesOf(ref StoreRef, profileDir string) []string {
	files := firefoxAllSessionFiles(profileDir)
	for _, f := range files {
		if filepath.Clean(f) == filepath.Clean(ref.Path) {
			return files
		}
	}
	if ref.Path != "" {
		files = append(files, ref.Path)
	}
	return files
}
