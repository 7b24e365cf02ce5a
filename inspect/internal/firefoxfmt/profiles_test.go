package firefoxfmt

import (
	"path/filepath"
	"reflect"
	"testing"
)

// A profiles.ini as a person edits it by hand: a lower-case section, a
// commented-out profile, spaces around '=', CRLF lines, sections that are
// not profiles.
func TestParseProfilesINIHandEdited(t *testing.T) {
	root := filepath.FromSlash("/home/u/.mozilla/firefox")
	ini := "[Install4F96D1932A9F858E]\r\nDefault=abc.default-release\r\n" +
		"; [Profile9]\r\n# Path=old.profile\r\n" +
		"[profile1]\r\nName = work \r\nIsRelative=1\r\nPath=Profiles/x.work\r\n" +
		"[Profile0]\r\nName=default\r\nIsRelative=0\r\nPath=/srv/ff/default\r\n" +
		"[Profile2]\r\nName=no path\r\n" +
		"[Profile3]\r\n;Name=commented\r\nPath=rel.default\r\n" +
		"[General]\r\nVersion=2\r\nPath=not/a/profile\r\n"
	got := ParseProfilesINI(ini, root)
	want := []Profile{
		{Name: "work", Dir: filepath.Join(root, "Profiles", "x.work")},
		{Name: "default", Dir: filepath.FromSlash("/srv/ff/default")},
		{Name: "", Dir: filepath.Join(root, "rel.default")},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseProfilesINI =\n %+v\nwant\n %+v", got, want)
	}
}
