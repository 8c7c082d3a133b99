#!/usr/bin/env bash
# The tree passes .clang-tidy's checks and compiles warning-free with Clang (the checks include
# Clang's own diagnostics for the build's -W flags). Usage: clang_tidy.sh BUILD_DIR SOURCE_DIR
# BUILD_DIR must hold compile_commands.json (CMAKE_EXPORT_COMPILE_COMMANDS is on).
set -euo pipefail
build="$1"
src="$2"
tidy=$(command -v run-clang-tidy || command -v run-clang-tidy-14 || true)
if [ -z "$tidy" ]; then
  echo "run-clang-tidy is not installed (Debian: clang-tidy)" >&2
  exit 1
fi
jobs=$(nproc 2>/dev/null || echo 2)
# Project sources only: not the files moc and rcc generate.
log=$(mktemp)
db=$(mktemp -d)
trap 'rm -rf "$log" "$db"' EXIT
# A build with SPORTELLO_PRECOMPILED_HEADERS force-includes GCC's precompiled header, which Clang
# cannot read: check every source as it is written, with only the includes it names itself (which
# also catches a source that would compile only because the precompiled header included something).
python3 - "$build/compile_commands.json" "$db/compile_commands.json" <<'PY'
import json, re, sys
commands = json.load(open(sys.argv[1]))
for entry in commands:
    entry["command"] = re.sub(r" -include \S*cmake_pch\.hxx", "", entry["command"])
json.dump(commands, open(sys.argv[2], "w"))
PY
if ! "$tidy" -p "$db" -quiet -j "$jobs" "^$src/(core|ui|app|platform|tests|bench)/.*\\.cpp\$" >"$log" 2>&1; then
  grep -E "(error|warning):" "$log" | grep -v "warnings generated" | sort -u | head -50
  echo "clang-tidy found problems (full output above is trimmed to 50 lines)"
  exit 1
fi
echo "clang-tidy: no findings"
