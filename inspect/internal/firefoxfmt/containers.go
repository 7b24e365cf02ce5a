package firefoxfmt

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
)

// defaultContainerNames maps the l10n ids of Firefox's four built-in
// containers (old "userContextPersonal.label" and newer Fluent
// "user-context-personal" forms) to their English names.
var defaultContainerNames = map[string]string{
	"userContextPersonal.label": "Personal",
	"userContextWork.label":     "Work",
	"userContextBanking.label":  "Banking",
	"userContextShopping.label": "Shopping",
	"user-context-personal":     "Personal",
	"user-context-work":         "Work",
	"user-context-banking":      "Banking",
	"user-context-shopping":     "Shopping",
}

type containersFile struct {
	Identities []struct {
		UserContextID json.Number `json:"userContextId"`
		Name          string      `json:"name"`
		// Both spellings exist: l10nID (old files) and l10nId (newer).
		L10nID    string `json:"l10nID"`
		L10nIDNew string `json:"l10nId"`
	} `json:"identities"`
}

// ParseContainers reads a profile's containers.json and returns
// userContextId -> display name. Built-in containers carry only an l10n id
// and get their English name (Personal, Work, Banking, Shopping). Firefox's
// internal identities ("userContextIdInternal.*") and identities with no
// usable name are left out: callers show the number instead.
func ParseContainers(data []byte) (map[int]string, error) {
	var f containersFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("firefoxfmt: containers.json: %w", err)
	}
	out := make(map[int]string, len(f.Identities))
	for i, id := range f.Identities {
		if id.UserContextID == "" {
			return nil, fmt.Errorf("firefoxfmt: containers.json: identities[%d]: %w", i, errNoUserContextID)
		}
		n, err := jsonInt(id.UserContextID, 0, math.MaxUint32)
		if err != nil {
			return nil, fmt.Errorf("firefoxfmt: containers.json: identities[%d].userContextId: %w", i, err)
		}
		name := id.Name
		if name == "" {
			l10n := id.L10nIDNew
			if l10n == "" {
				l10n = id.L10nID
			}
			name = defaultContainerNames[l10n]
		}
		if name == "" || strings.HasPrefix(name, "userContextIdInternal.") {
			continue
		}
		if _, dup := out[int(n)]; !dup {
			out[int(n)] = name
		}
	}
	return out, nil
}

var errNoUserContextID = errors.New("no userContextId")
