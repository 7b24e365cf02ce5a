#!/bin/sh
# Regenerates the README's screenshots of the interactive UI from the real
# program on --demo, in English and French: the main screen, a category
# tab, the detail pane, the clear dialog and the audit page. Each screen is captured with
# tmux (capture-pane -e keeps the colours) and rendered to SVG with
# freeze (go install github.com/charmbracelet/freeze@latest).
#
#   ui/testdata/screenshots.sh        # from the repository's root
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/ui/testdata/screenshots"
freeze=${FREEZE:-$(command -v freeze || echo "$(go env GOPATH)/bin/freeze")}
[ -x "$freeze" ] || { echo "screenshots.sh: freeze is missing: go install github.com/charmbracelet/freeze@latest" >&2; exit 1; }
command -v tmux >/dev/null || { echo "screenshots.sh: tmux is missing" >&2; exit 1; }

work=$(mktemp -d)
sock=
trap '[ -z "$sock" ] || tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT INT TERM
(cd "$root" && go build -o "$work/ofgl-cookies" .)
mkdir -p "$out"

cols=100 rows=30

# freeze draws neither reverse video (SGR 7) nor the default colours (39,
# 49) inside it: they become explicit colours, so that the selected row
# and the active tab show as on a terminal.
explicit='
my $rev = 0;
s{\e\[([0-9;]*)m}{
	my @out;
	for my $p (split /;/, ($1 eq "" ? "0" : $1)) {
		if    ($p eq "0")          { $rev = 0; push @out, "0" }
		elsif ($p eq "7")          { $rev = 1; push @out, "38;5;235;48;5;252" }
		elsif ($p eq "27")         { $rev = 0; push @out, "38;5;252;49" }
		elsif ($p eq "39")         { push @out, $rev ? "38;5;235" : "38;5;252" }
		elsif ($p eq "49")         { push @out, $rev ? "48;5;252" : "49" }
		elsif ($p eq "1" && $rev)  { push @out, "1;38;5;235" }
		else                       { push @out, $p }
	}
	"\e[" . join(";", @out) . "m"
}ge;
$rev = 0;
'

# shoot NAME LANG KEYS...: start the demo, wait for it to load, type the
# keys, capture the screen and render it.
shoot() {
	name=$1 lang=$2
	shift 2
	sock="ofgl-shots-$$-$name" # a server of its own for each screen
	tmux -L "$sock" -f /dev/null new-session -d -s shot -x "$cols" -y "$rows" \
		"env -i HOME=$work PATH=$PATH LANG=$lang TERM=xterm-256color COLORTERM=truecolor $work/ofgl-cookies --demo"
	# Loaded: the header shows the position in the table.
	i=0
	until tmux -L "$sock" capture-pane -p -t shot | grep -q '1/33'; do
		i=$((i + 1))
		[ "$i" -lt 100 ] || { echo "screenshots.sh: the demo did not load" >&2; exit 1; }
		sleep 0.1
	done
	for k in "$@"; do
		tmux -L "$sock" send-keys -t shot "$k"
		sleep 0.3
	done
	sleep 0.5
	tmux -L "$sock" capture-pane -e -p -t shot | perl -p -e "$explicit" >"$work/$name.ans"
	tmux -L "$sock" kill-server
	sock=
	"$freeze" --language ansi --window --padding 20 --margin 0 --font.size 14 \
		-o "$out/$name.svg" "$work/$name.ans" >/dev/null
	echo "$out/$name.svg"
}

for l in en fr; do
	case $l in
	en) lang=C.UTF-8 ;;
	fr) lang=fr_FR.UTF-8 ;;
	esac
	shoot "$l-main" "$lang"
	shoot "$l-tab" "$lang" 7
	shoot "$l-details" "$lang" j j Enter
	shoot "$l-clear" "$lang" b c
	shoot "$l-audit" "$lang" a
done
