#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, docs/reliability.md "Fuzzing") with Clang, ASan and UBSan in
# build-fuzz/, and runs each for a bounded time: scripts/fuzz.sh [seconds-per-target] (default 30).
# Fails when a target finds a crash, a sanitizer error, a broken check, a timeout or runs out of
# memory; the input that did it is left in build-fuzz/artifacts/<target>/.
# Honours BUILD_DIR_FUZZ (default: build-fuzz), JOBS, FUZZ_TARGETS (names, to run only some) and
# FUZZ_SEED (libFuzzer's -seed; scripts/test.sh sets 1 so that CI explores the same inputs each time
# and a finding there can be replayed; unset, each run starts from a random seed).
SECONDS_PER_TARGET=${1:-30}
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
BUILD_DIR=${BUILD_DIR_FUZZ:-"$SPORTELLO_ROOT/build-fuzz"}
SPORTELLO_PACKAGES+=(clang libclang-rt-14-dev)
install_missing_packages

ALL_TARGETS=(fuzz_jsonl fuzz_twcs_csv fuzz_x_page fuzz_graph_page fuzz_guard fuzz_reply_template
             fuzz_json_imports fuzz_channel_limits fuzz_business_calendar)
read -r -a TARGETS <<<"${FUZZ_TARGETS:-${ALL_TARGETS[*]}}"

cmake -S "$SPORTELLO_ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DSPORTELLO_FUZZ=ON \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" \
  -DSPORTELLO_BUILD_TESTS=OFF -DSPORTELLO_BUILD_BENCHMARKS=OFF -DSPORTELLO_PRECOMPILED_HEADERS=ON
# Only the core libraries and the fuzz targets are built.
cmake --build "$BUILD_DIR" --parallel "$JOBS" --target "${TARGETS[@]}"

failed=()
for target in "${TARGETS[@]}"; do
  # The seeds stay as they are in the repo; what a run finds goes to a corpus in the build folder,
  # kept for the next run.
  corpus="$BUILD_DIR/corpus/$target"
  artifacts="$BUILD_DIR/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  echo "== $target: ${SECONDS_PER_TARGET} s"
  seed=()
  if [ -n "${FUZZ_SEED:-}" ]; then seed=(-seed="$FUZZ_SEED"); fi
  if ! "$BUILD_DIR/fuzz/$target" -max_total_time="$SECONDS_PER_TARGET" -timeout=25 -rss_limit_mb=2048 "${seed[@]}" \
      -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "$SPORTELLO_ROOT/fuzz/corpus/$target" \
      >"$BUILD_DIR/$target.log" 2>&1; then
    failed+=("$target")
    tail -n 60 "$BUILD_DIR/$target.log"
  else
    grep -E '^(Done|stat::number_of_executed_units)' "$BUILD_DIR/$target.log" || true
  fi
done

if [ ${#failed[@]} -ne 0 ]; then
  echo "Fuzzing found problems in: ${failed[*]} (inputs in $BUILD_DIR/artifacts/)"
  exit 1
fi
echo "Fuzzing: ${#TARGETS[@]} targets, ${SECONDS_PER_TARGET} s each, nothing found."
