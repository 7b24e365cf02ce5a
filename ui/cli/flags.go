package cli

import (
	"strings"

	"github.com/spf13/pflag"

	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// flags holds every flag of every command: one command runs per process,
// so the commands share these fields.
type flags struct {
	lang                                string
	demo                                bool
	store, site, catalogFile            string
	json, netscape, showValues, expired bool
	categories, names                   multiFlag
	browser, profile                    string
	dryRun, yes, all, nonEssential      bool
	keep                                keepFlag
	list, restoreFile, prune            bool
	olderThan                           string
	allPortals                          bool   // audit
	failOn, markdownFile, htmlFile      string // audit
}

// multiFlag collects a repeatable flag; commas also separate values.
type multiFlag []string

func (m *multiFlag) String() string { return strings.Join(*m, ",") }

// Set adds the comma-separated values of one occurrence.
func (m *multiFlag) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*m = append(*m, p)
		}
	}
	return nil
}

// Type names the value in help and completions.
func (m *multiFlag) Type() string { return "strings" }

// keepFlag collects --keep rules, commas also separating them (a rule
// cannot hold one). Unlike multiFlag it drops nothing: an empty rule is
// refused by the parser rather than silently ignored, since a keep rule
// the user meant to give must never be lost.
type keepFlag []string

func (k *keepFlag) String() string { return strings.Join(*k, ",") }

// Set adds the rules of one occurrence.
func (k *keepFlag) Set(v string) error {
	*k = append(*k, strings.Split(v, ",")...)
	return nil
}

// Type names the value in help and completions.
func (k *keepFlag) Type() string { return "rules" }

// flagGroup registers a set of flags on a command's flag set.
type flagGroup func(fs *pflag.FlagSet, f *flags, usage func(name string) string)

// The flag groups; each command takes the groups that apply to it.
var (
	// sourceFlags say where the cookies are read from.
	sourceFlags flagGroup = func(fs *pflag.FlagSet, f *flags, u func(string) string) {
		fs.BoolVar(&f.demo, "demo", false, u("demo"))
		fs.StringVar(&f.store, "store", "", u("store"))
		fs.StringVar(&f.site, "site", "data.ofgl.fr", u("site"))
		fs.StringVar(&f.catalogFile, "catalog", "", u("catalog"))
	}
	// selectorFlags choose among the cookies read.
	selectorFlags flagGroup = func(fs *pflag.FlagSet, f *flags, u func(string) string) {
		fs.Var(&f.categories, "category", u("category"))
		fs.Var(&f.names, "name", u("name"))
		fs.StringVar(&f.browser, "browser", "", u("browser"))
		fs.StringVar(&f.profile, "profile", "", u("profile"))
		fs.BoolVar(&f.expired, "expired", false, u("expired"))
	}
	// outputFlags are list's formats.
	outputFlags flagGroup = func(fs *pflag.FlagSet, f *flags, u func(string) string) {
		fs.BoolVar(&f.json, "json", false, u("json"))
		fs.BoolVar(&f.netscape, "netscape", false, u("netscape"))
		fs.BoolVar(&f.showValues, "show-values", false, u("show-values"))
	}
	jsonFlag flagGroup = func(fs *pflag.FlagSet, f *flags, u func(string) string) {
		fs.BoolVar(&f.json, "json", false, u("json"))
	}
	// deletingFlags are those of delete and clear.
	deletingFlags flagGroup = func(fs *pflag.FlagSet, f *flags, u func(string) string) {
		fs.BoolVar(&f.dryRun, "dry-run", false, u("dry-run"))
		fs.BoolVarP(&f.yes, "yes", "y", false, u("yes"))
		fs.Var(&f.keep, "keep", u("keep"))
	}
	allFlag flagGroup = func(fs *pflag.FlagSet, f *flags, u func(string) string) {
		fs.BoolVar(&f.all, "all", false, u("all"))
	}
	nonEssentialFlag flagGroup = func(fs *pflag.FlagSet, f *flags, u func(string) string) {
		fs.BoolVar(&f.nonEssential, "non-essential", false, u("non-essential"))
	}
	// auditFlags are audit's own, beside the sources and the browser and
	// profile selectors.
	auditFlags flagGroup = func(fs *pflag.FlagSet, f *flags, u func(string) string) {
		fs.StringVar(&f.browser, "browser", "", u("browser"))
		fs.StringVar(&f.profile, "profile", "", u("profile"))
		fs.BoolVar(&f.json, "json", false, u("json"))
		fs.BoolVar(&f.allPortals, "all-portals", false, u("all-portals"))
		fs.StringVar(&f.failOn, "fail-on", "", u("fail-on"))
		fs.StringVar(&f.markdownFile, "markdown", "", u("markdown"))
		fs.StringVar(&f.htmlFile, "html", "", u("html"))
	}
	undoFlags flagGroup = func(fs *pflag.FlagSet, f *flags, u func(string) string) {
		fs.BoolVar(&f.list, "list", false, u("list"))
		fs.BoolVar(&f.json, "json", false, u("json"))
		fs.BoolVar(&f.restoreFile, "restore-file", false, u("restore-file"))
		fs.BoolVar(&f.dryRun, "dry-run", false, u("dry-run"))
		fs.BoolVar(&f.prune, "prune", false, u("prune"))
		fs.StringVar(&f.olderThan, "older-than", "", u("older-than"))
		fs.BoolVarP(&f.yes, "yes", "y", false, u("yes"))
	}
)

// flagUsage describes a flag of command in the reader's language: the
// command's own wording when it has one, else the flag's.
func flagUsage(t *i18n.Strings, command string) func(string) string {
	return func(name string) string {
		if s, ok := t.CLIFlags[command+"."+name]; ok {
			return s
		}
		return t.CLIFlags[name]
	}
}

// addFlags registers groups on fs.
func addFlags(fs *pflag.FlagSet, f *flags, usage func(string) string, groups ...flagGroup) {
	for _, g := range groups {
		g(fs, f, usage)
	}
}
