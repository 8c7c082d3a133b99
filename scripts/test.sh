#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite; then the same suite under
# AddressSanitizer and UndefinedBehaviorSanitizer, the sync worker's tests under ThreadSanitizer
# (scripts/sanitize.sh), and every fuzzer for a bounded time (scripts/fuzz.sh). CI runs all of it.
# SPORTELLO_SANITIZERS=0 stops after the plain suite (a quick local run); SPORTELLO_FUZZ_SECONDS
# sets each fuzzer's time (default 10).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing_packages
configure_and_build
(cd "$BUILD_DIR" && QT_QPA_PLATFORM=offscreen ctest --output-on-failure --parallel "$JOBS" --timeout 600)
if [ "${SPORTELLO_SANITIZERS:-1}" = 0 ]; then
  exit 0
fi
bash "$SPORTELLO_ROOT/scripts/sanitize.sh"
FUZZ_SEED=${FUZZ_SEED:-1} bash "$SPORTELLO_ROOT/scripts/fuzz.sh" "${SPORTELLO_FUZZ_SECONDS:-10}"
