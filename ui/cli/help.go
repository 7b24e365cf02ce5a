package cli

import (
	"bytes"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/ofgl/ofgl-cookies/ui/i18n"
)

// helpWriter puts fang's section titles (USAGE, FLAGS…) and the
// placeholders of its usage lines ([command], [--flags]), which it writes
// in English, in the reader's language. fang writes each title (with its
// padding) in a write of its own; every other write passes through
// unchanged.
func helpWriter(w io.Writer, t *i18n.Strings) io.Writer {
	return titleWriter{w: w, titles: t.CLIHelpTitles}
}

type titleWriter struct {
	w      io.Writer
	titles map[string]string
}

func (tw titleWriter) Write(p []byte) (int, error) {
	plain := strings.TrimSpace(ansi.Strip(string(p)))
	if to, ok := tw.titles[plain]; ok && to != plain {
		if _, err := tw.w.Write(bytes.Replace(p, []byte(plain), []byte(to), 1)); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	out := p
	for from, to := range tw.titles {
		if strings.HasPrefix(from, "[") && from != to {
			out = bytes.ReplaceAll(out, []byte(from), []byte(to))
		}
	}
	if _, err := tw.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
