#!/usr/bin/env bash
# Builds the test suite with Clang and runs it under the sanitizers (docs/reliability.md,
# "Sanitizers"):
#   build-asan/  AddressSanitizer and UndefinedBehaviorSanitizer (with LeakSanitizer): every test;
#   build-tsan/  ThreadSanitizer: the tests of the code that runs work on other threads (the
#                console's background sync worker, the session that drives it, the report window's
#                worker, the team link's worker and the team database's concurrent writers), listed
#                in TSAN_TESTS, except those that start sportello-cli (below).
# Every report stops the process that made it, so the test fails; the report is in ctest's output.
# Suppressions (tests/sanitizers/) cover only libraries we do not build, each with its reason.
# Honours BUILD_DIR_ASAN, BUILD_DIR_TSAN, JOBS, and SANITIZERS ("address thread" by default; give
# one of them to run only that build).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
SPORTELLO_PACKAGES+=(clang libclang-rt-14-dev)
install_missing_packages

ASAN_DIR=${BUILD_DIR_ASAN:-"$SPORTELLO_ROOT/build-asan"}
TSAN_DIR=${BUILD_DIR_TSAN:-"$SPORTELLO_ROOT/build-tsan"}
read -r -a RUNS <<<"${SANITIZERS:-address thread}"
TSAN_TESTS=(test_sync test_session test_ui_sync test_ui_report test_team_database test_ui_team)
SUPPRESSIONS="$SPORTELLO_ROOT/tests/sanitizers"

# -O1 keeps the sanitized suite fast enough; line tables are enough for readable reports.
configure() { # build-dir sanitizers
  cmake -S "$SPORTELLO_ROOT" -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" \
    -DSPORTELLO_SANITIZE="$2" -DSPORTELLO_BUILD_BENCHMARKS=OFF -DSPORTELLO_CLANG_TIDY_TEST=OFF \
    -DSPORTELLO_PRECOMPILED_HEADERS=ON
}

# Every report goes to a file in <build>/sanitizer-reports/ and ends its process with exit code 86:
# the tests run sportello-cli as a child and read its output and exit code, so a report there
# could otherwise pass for an expected failure. After the tests, any report file fails the run.
sanitizer_options() { # reports-dir
  local reports=$1
  rm -rf "$reports" && mkdir -p "$reports"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=86:log_path=$reports/ubsan"
  export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1:exitcode=86:log_path=$reports/asan"
  export LSAN_OPTIONS="suppressions=$SUPPRESSIONS/lsan.supp:print_suppressions=0:exitcode=86:log_path=$reports/lsan"
  # Qt is not built with ThreadSanitizer: what its own threads do inside it (allocations made on
  # one thread and freed on another, ordered by its futex-based mutexes, which TSan cannot see) is
  # not reported; every access our code makes still is.
  export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:ignore_noninstrumented_modules=1:exitcode=86:log_path=$reports/tsan:suppressions=$SUPPRESSIONS/tsan.supp"
}

# Runs the tests in a build folder (ctest arguments after it) and fails on a failed test or on any
# report, printing the reports (a child's report is in no test's output).
run_tests() { # build-dir [ctest arguments]
  local dir=$1 status=0
  shift
  sanitizer_options "$dir/sanitizer-reports"
  (cd "$dir" && QT_QPA_PLATFORM=offscreen ctest --output-on-failure --parallel "$JOBS" --timeout 900 "$@") || status=$?
  if [ -n "$(ls -A "$dir/sanitizer-reports")" ]; then
    echo "Sanitizer reports (in $dir/sanitizer-reports):"
    cat "$dir"/sanitizer-reports/*
    status=1
  fi
  return "$status"
}

for run in "${RUNS[@]}"; do
  case "$run" in
    address)
      echo "== AddressSanitizer + UndefinedBehaviorSanitizer: the whole suite ($ASAN_DIR)"
      configure "$ASAN_DIR" "address,undefined"
      cmake --build "$ASAN_DIR" --parallel "$JOBS"
      run_tests "$ASAN_DIR"
      ;;
    thread)
      echo "== ThreadSanitizer: ${TSAN_TESTS[*]} ($TSAN_DIR)"
      configure "$TSAN_DIR" "thread"
      cmake --build "$TSAN_DIR" --parallel "$JOBS" --target "${TSAN_TESTS[@]}"
      labels=$(IFS='|'; echo "${TSAN_TESTS[*]}")
      # The tests that start sportello-cli are left out: Clang 14's TSan fails an internal CHECK
      # when Qt starts a process (QProcess forks with clone()), and they test the CLI, not threads.
      run_tests "$TSAN_DIR" -L "^($labels)\$" -E "^sportello-cli"
      ;;
    *)
      echo "Unknown sanitizer run: $run (address or thread)" >&2
      exit 2
      ;;
  esac
done
