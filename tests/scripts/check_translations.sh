#!/usr/bin/env bash
# Every user-visible string has an Italian translation: lupdate over the sources into a copy of the
# .ts file must leave no message unfinished. Usage: check_translations.sh LUPDATE SOURCE_DIR
set -euo pipefail
lupdate="$1"
src="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$src/resources/translations/sportello_it.ts" "$work/sportello_it.ts"
(cd "$src" && "$lupdate" -silent -locations none -no-obsolete core platform ui app -ts "$work/sportello_it.ts")
unfinished=$(grep -c 'type="unfinished"' "$work/sportello_it.ts" || true)
if [ "$unfinished" != "0" ]; then
  echo "$unfinished message(s) have no Italian translation; run the sportello_lupdate target and translate them:"
  grep -B3 'type="unfinished"' "$work/sportello_it.ts" | grep '<source>' | head -20
  exit 1
fi
echo "every message is translated"
