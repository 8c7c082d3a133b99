#!/usr/bin/env bash
# The manual pages say what --help says, both ways:
#   usage: check_man_pages.sh SPORTELLO SPORTELLO_CLI MAN_DIR
# - sportello.1's OPTIONS are exactly the long options `sportello --help` prints;
# - sportello-cli.1's OPTIONS are exactly the options `sportello-cli --help` prints, its COMMANDS
#   (one .SS each) exactly the commands it lists, and each command's options (the .TP entries of
#   its .SS) exactly what `sportello-cli COMMAND --help` prints besides the global ones.
# A documented option is a .TP entry's tag; an option named in running text is not counted.
# Then groff and man check both pages for warnings.
set -euo pipefail
gui=$1 cli=$2 man_dir=$3
# English help whatever the machine's language; no display needed for --help.
export LC_ALL=C.UTF-8 LANGUAGE= QT_QPA_PLATFORM=offscreen
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# The long options of a --help text: the first column of the "Options:" lines.
help_options() {
  awk '/^Options:/ { on = 1; next } /^[^ ]/ { on = 0 } on && /^  -/ { sub(/^  /, ""); split($0, f, /  +/); print f[1] }' |
    grep -o -- '--[A-Za-z0-9][A-Za-z0-9-]*' | sort -u
}

# "SECTION<TAB>SUBSECTION<TAB>--option" for each .TP tag of a man page (after the macros' escapes
# are undone), and "SECTION<TAB>SUBSECTION<TAB>" for each .SS.
man_entries() {
  sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(em/ /g' "$1" | awk '
    /^\.SH / { sec = $2; sub_ = ""; next }
    /^\.SS / { sub_ = $2; printf "%s\t%s\t\n", sec, sub_; next }
    /^\.TP/ { tag = 1; next }
    tag { tag = 0; n = split($0, w, /[ ,=\[\]]+/); for (i = 1; i <= n; i++) if (w[i] ~ /^--[A-Za-z0-9]/) printf "%s\t%s\t%s\n", sec, sub_, w[i] }'
}

# compare WHAT HELP_LIST MAN_LIST: both directions, each difference named.
compare() {
  local what=$1 help=$2 man=$3 item
  for item in $(comm -23 <(echo "$help" | sed '/^$/d' | sort -u) <(echo "$man" | sed '/^$/d' | sort -u)); do
    fail "$what: $item is in --help but not in the manual page"
  done
  for item in $(comm -13 <(echo "$help" | sed '/^$/d' | sort -u) <(echo "$man" | sed '/^$/d' | sort -u)); do
    fail "$what: $item is in the manual page but not in --help"
  done
}

# sportello
gui_help=$("$gui" --help)
gui_man=$(man_entries "$man_dir/sportello.1")
# Every option entry of the page, whatever its section, is one of the options.
compare "sportello options" "$(echo "$gui_help" | help_options)" \
  "$(echo "$gui_man" | awk -F'\t' '$3 != "" { print $3 }')"

# sportello-cli: global options, commands, each command's options
cli_help=$("$cli" --help)
global=$(echo "$cli_help" | help_options)
[ -n "$global" ] || fail "sportello-cli --help lists no options"
cli_man=$(man_entries "$man_dir/sportello-cli.1")
compare "sportello-cli global options" "$global" \
  "$(echo "$cli_man" | awk -F'\t' '$1 == "OPTIONS" && $3 != "" { print $3 }')"
commands=$(echo "$cli_help" | awk '/^Commands:/ { on = 1; next } on && /^  [^ ]/ { print $1 }')
[ -n "$commands" ] || fail "sportello-cli --help lists no commands"
compare "sportello-cli commands" "$commands" \
  "$(echo "$cli_man" | awk -F'\t' '$1 == "COMMANDS" && $3 == "" { print $2 }')"
all_options=$global
for command in $commands; do
  own=$(comm -23 <("$cli" "$command" --help | help_options) <(echo "$global"))
  all_options+=$'\n'$own
  compare "sportello-cli $command options" "$own" \
    "$(echo "$cli_man" | awk -F'\t' -v c="$command" '$1 == "COMMANDS" && $2 == c && $3 != "" { print $3 }')"
done
# An option entry in another section (EXAMPLES, ENVIRONMENT...) is still one of the options.
for item in $(echo "$cli_man" | awk -F'\t' '$1 != "OPTIONS" && $1 != "COMMANDS" && $3 != "" { print $3 }' | sort -u); do
  echo "$all_options" | grep -qx -- "$item" || fail "sportello-cli: $item is in the manual page but in no --help"
done

# Both pages format without a warning (groff's and man's checks).
for page in sportello.1 sportello-cli.1; do
  warnings=$(groff -man -ww -z "$man_dir/$page" 2>&1) || fail "groff failed on $page"
  [ -z "$warnings" ] || fail "groff warns on $page: $warnings"
  warnings=$(MANWIDTH=80 man --warnings -l "$man_dir/$page" 2>&1 >/dev/null) || fail "man failed on $page"
  [ -z "$warnings" ] || fail "man warns on $page: $warnings"
done

if [ "$failures" -gt 0 ]; then
  echo "$failures difference(s) between the manual pages in $man_dir and --help" >&2
  exit 1
fi
echo "sportello.1 and sportello-cli.1 match --help ($(echo "$commands" | wc -w) commands)"
