#!/usr/bin/env bash
# Crash soak (issue 11, point 8): SIGKILL sportello-cli at random moments during import, decide
# and sync/outbox delivery against a local fake X server, and check the cache's promises after
# every kill. See docs/reliability.md, "Crash soak".
#
# Usage: scripts/soak.sh [KILLS [TIME_LIMIT_SECONDS]]
#   KILLS       total kills, split over the phases 30% import, 30% decide, 40% sync (default 150)
#   TIME_LIMIT  seconds; a phase stops early when the limit is reached (default 1200)
# Environment: BUILD_DIR (binaries; default build/, configured and built when sportello-cli is
#   missing), SOAK_DIR (work folder; default a new one under /tmp), SEED (random seed),
#   IMPORT_POSTS (posts per generated import file, default 30000), KILLS_IMPORT, KILLS_DECIDE,
#   KILLS_SYNC (override the split).
# Exit 0 when every invariant held; 1 when one was violated (the work folder, with the failing
# cache, is kept and named); 2 for bad arguments or a missing tool.

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=common.sh
source "$SCRIPT_DIR/common.sh"
set +e  # the soak expects failures (killed processes); it checks every status itself
set -u -o pipefail

KILLS=${1:-${KILLS:-150}}
TIME_LIMIT=${2:-${TIME_LIMIT:-1200}}
case "$KILLS$TIME_LIMIT" in *[!0-9]*) echo "usage: $0 [KILLS [TIME_LIMIT_SECONDS]]" >&2; exit 2 ;; esac
KILLS_IMPORT=${KILLS_IMPORT:-$((KILLS * 3 / 10))}
KILLS_DECIDE=${KILLS_DECIDE:-$((KILLS * 3 / 10))}
KILLS_SYNC=${KILLS_SYNC:-$((KILLS - KILLS_IMPORT - KILLS_DECIDE))}
IMPORT_POSTS=${IMPORT_POSTS:-30000}
SEED=${SEED:-$$}
RANDOM=$SEED
for tool in python3 sqlite3 setsid; do
  command -v "$tool" >/dev/null || { echo "soak: $tool is needed" >&2; exit 2; }
done

CLI="$BUILD_DIR/app/sportello-cli"
if [ ! -x "$CLI" ]; then
  install_missing_packages
  configure_and_build
fi
[ -x "$CLI" ] || { echo "soak: no $CLI" >&2; exit 2; }

SOAK_DIR=${SOAK_DIR:-$(mktemp -d /tmp/sportello-soak.XXXXXX)}
mkdir -p "$SOAK_DIR"
START=$(date +%s)
FAILURES=0
CHECKS=0
declare -A KILLED=([import]=0 [decide]=0 [sync]=0)
declare -A PHASE_CHECKS=([import]=0 [decide]=0 [sync]=0)
declare -A PHASE_FAILS=([import]=0 [decide]=0 [sync]=0)
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; }
trap cleanup EXIT

export QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8 LANG=C.UTF-8
log() { printf '[%4ds] %s\n' $(($(date +%s) - START)) "$*"; }
out_of_time() { [ $(($(date +%s) - START)) -ge "$TIME_LIMIT" ]; }
# A random delay in seconds, from LO to HI milliseconds.
rand_delay() { local lo=$1 hi=$2; local ms=$((lo + (RANDOM * 32768 + RANDOM) % (hi - lo + 1))); printf '%d.%03d' $((ms / 1000)) $((ms % 1000)); }
sql() { sqlite3 -readonly -batch -noheader "$1" "$2"; }

# fail PHASE CACHE MESSAGE: record a violated invariant, keep a copy of the cache.
fail() {
  local phase=$1 db=$2
  shift 2
  FAILURES=$((FAILURES + 1))
  PHASE_FAILS[$phase]=$((PHASE_FAILS[$phase] + 1))
  local keep="$SOAK_DIR/failed-$FAILURES"
  mkdir -p "$keep" && cp -p "$db"* "$keep/" 2>/dev/null
  echo "INVARIANT VIOLATED ($phase, kill ${KILLED[$phase]}): $* — cache kept in $keep" >&2
}

# expect PHASE CACHE DESCRIPTION ACTUAL EXPECTED
expect() {
  CHECKS=$((CHECKS + 1))
  PHASE_CHECKS[$1]=$((PHASE_CHECKS[$1] + 1))
  [ "$4" = "$5" ] || fail "$1" "$2" "$3: got '$4', expected '$5'"
}

# The checks that hold after any kill: SQLite's integrity check through the CLI (which also
# recovers the write-ahead log), then every decision has its audit entry and, unless it is a
# close, its outbox entry; no outbox entry without its decision.
common_checks() {
  local phase=$1 db=$2 out rc
  out=$("$CLI" --database "$db" check 2>&1)
  rc=$?
  expect "$phase" "$db" "sportello-cli check ($out)" "$rc" 0
  expect "$phase" "$db" "decisions without an audit entry" \
    "$(sql "$db" "SELECT count(*) FROM decisions d WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.decision_id = d.id AND a.action = 'decision')")" 0
  expect "$phase" "$db" "reply/forward decisions without an outbox entry" \
    "$(sql "$db" "SELECT count(*) FROM decisions d WHERE d.kind <> 'close' AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.decision_id = d.id)")" 0
  expect "$phase" "$db" "outbox entries without a decision" \
    "$(sql "$db" "SELECT count(*) FROM outbox o WHERE NOT EXISTS (SELECT 1 FROM decisions d WHERE d.id = o.decision_id)")" 0
  expect "$phase" "$db" "decided threads still waiting" \
    "$(sql "$db" "SELECT count(*) FROM decisions d JOIN threads t ON t.id = d.thread_id WHERE t.status = 'waiting'")" 0
}

# gen_jsonl FILE PREFIX N CHANNEL: N posts, two a thread, ids PREFIX-p{i}, threads PREFIX-t{i/2}.
gen_jsonl() {
  python3 - "$@" <<'EOF'
import json, sys
path, prefix, n, channel = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
vis = "private" if channel == "in_app" else "public"
texts = ["Buongiorno, ho aperto un sinistro tre settimane fa e nessuno mi ha richiamata (%d)",
         "Non riesco ad accedere all'area riservata, come faccio? (%d)",
         "Thanks for the quick answer on my claim %d",
         "Vergogna, la pratica %d è ferma da un mese"]
cats = ["complaint", "assistance", "non_negative", "complaint"]
with open(path, "w", encoding="utf-8") as f:
    for i in range(n):
        t = i // 2
        f.write(json.dumps({"channel": channel, "thread_id": "%s-t%d" % (prefix, t), "post_id": "%s-p%d" % (prefix, i),
                            "in_reply_to": None if i % 2 == 0 else "%s-p%d" % (prefix, i - 1),
                            "author": {"id": "%s-u%d" % (prefix, t), "handle": "cliente%d" % t, "name": "Cliente %d" % t,
                                       "followers": t % 1000},
                            "direction": "inbound", "visibility": vis,
                            "created_at": "2026-03-%02dT%02d:%02d:00Z" % (1 + t % 28, 8 + i % 10, i % 60),
                            "text": texts[i % 4] % i, "category": cats[i % 4], "language": "it"},
                           ensure_ascii=False) + "\n")
EOF
}

# final_integrity PHASE CACHE: SQLite's full integrity check (slower than the CLI's quick_check)
# and the foreign keys, once at the end of a phase.
final_integrity() {
  [ -f "$2" ] || return 0  # a phase given no kills made no cache
  expect "$1" "$2" "PRAGMA integrity_check" "$(sql "$2" 'PRAGMA integrity_check')" ok
  expect "$1" "$2" "PRAGMA foreign_key_check" "$(sql "$2" 'PRAGMA foreign_key_check' | head -3)" ""
}

# kill_group PGID: SIGKILL a process group started with setsid, and reap it.
kill_group() { kill -9 -- "-$1" 2>/dev/null; wait "$1" 2>/dev/null; }

# ------------------------------------------------------------------------------------- import
phase_import() {
  local db="$SOAK_DIR/import.sqlite" i pid rc file posts
  log "import: $KILLS_IMPORT kills, $IMPORT_POSTS posts a file"
  local channels=(facebook instagram x app_store google_play in_app)
  # Calibrate: time one import of a file of that size, then draw every kill's delay from 0 to 1.25
  # times that, so most kills land inside the transaction, some around its commit and some after.
  gen_jsonl "$SOAK_DIR/calibrate.jsonl" cal "$IMPORT_POSTS" in_app
  local t0 t1 span_ms
  t0=$(date +%s%N)
  "$CLI" --database "$SOAK_DIR/calibrate.sqlite" import "$SOAK_DIR/calibrate.jsonl" >/dev/null
  t1=$(date +%s%N)
  span_ms=$(((t1 - t0) / 1000000 * 5 / 4))
  rm -f "$SOAK_DIR/calibrate".*
  log "import: one import takes $(((t1 - t0) / 1000000)) ms; kill delays from 0 to $span_ms ms"
  for ((i = 1; i <= KILLS_IMPORT; i++)); do
    out_of_time && break
    local ch=${channels[$((i % 6))]}
    file="$SOAK_DIR/import-$i.jsonl"
    gen_jsonl "$file" "k$i" "$IMPORT_POSTS" "$ch"
    setsid "$CLI" --database "$db" import "$file" >"$SOAK_DIR/import-$i.out" 2>&1 &
    pid=$!
    sleep "$(rand_delay 0 "$span_ms")"
    if kill -0 "$pid" 2>/dev/null; then
      kill_group "$pid"
      rc=137
    else
      wait "$pid"
      rc=$?
    fi
    KILLED[import]=$((KILLED[import] + 1))
    common_checks import "$db"
    posts=$(sql "$db" "SELECT count(*) FROM posts WHERE channel = '$ch' AND external_id >= 'k$i-' AND external_id < 'k$i.'")
    CHECKS=$((CHECKS + 1)); PHASE_CHECKS[import]=$((PHASE_CHECKS[import] + 1))
    if [ "$rc" = 0 ]; then
      [ "$posts" = "$IMPORT_POSTS" ] || fail import "$db" "import $i exited 0 but $posts of $IMPORT_POSTS posts are in the cache"
    elif [ "$posts" != 0 ] && [ "$posts" != "$IMPORT_POSTS" ]; then
      fail import "$db" "killed import $i left $posts of $IMPORT_POSTS posts (neither all nor nothing)"
    fi
    echo "$i $rc $posts" >>"$SOAK_DIR/import.results"
    rm -f "$file"
  done
  final_integrity import "$db"
}

# ------------------------------------------------------------------------------------- decide
phase_decide() {
  local db="$SOAK_DIR/decide.sqlite" threads=$((KILLS_DECIDE * 60 + 200)) i pgid rc
  log "decide: $KILLS_DECIDE kills over $threads threads"
  gen_jsonl "$SOAK_DIR/decide.jsonl" d $((threads * 2)) in_app
  "$CLI" --database "$db" import "$SOAK_DIR/decide.jsonl" >/dev/null || { fail decide "$db" "setup import failed"; return; }
  : >"$SOAK_DIR/decide.results"
  for ((i = 1; i <= KILLS_DECIDE; i++)); do
    out_of_time && break
    # One loop of decisions, each on its own thread (a slice of 60 threads per kill), killed mid-way.
    setsid bash -c '
      cli=$1 db=$2 first=$3 results=$4
      for ((t = first; t < first + 60; t++)); do
        case $((t % 3)) in
          0) "$cli" --database "$db" decide "d-p$((t * 2))" --close spam --agent soak >/dev/null 2>&1 ;;
          1) "$cli" --database "$db" decide "d-p$((t * 2))" --private --text "Gentile cliente, la richiamiamo oggi ($t)" --agent soak >/dev/null 2>&1 ;;
          2) "$cli" --database "$db" decide "d-p$((t * 2))" --forward --text "Da ricontattare ($t)" --agent soak >/dev/null 2>&1 ;;
        esac
        echo "d-p$((t * 2)) $?" >>"$results"
      done' soak-decide "$CLI" "$db" $(((i - 1) * 60)) "$SOAK_DIR/decide.results" &
    pgid=$!
    sleep "$(rand_delay 50 1500)"
    kill_group "$pgid"
    KILLED[decide]=$((KILLED[decide] + 1))
    common_checks decide "$db"
    # Every decide that exited 0 is in the cache.
    local ok_ids missing
    ok_ids=$(awk '$2 == 0 {printf "%s'\''%s'\''", (n++ ? "," : ""), $1}' "$SOAK_DIR/decide.results")
    if [ -n "$ok_ids" ]; then
      missing=$(sql "$db" "SELECT count(*) FROM posts p WHERE p.channel = 'in_app' AND p.external_id IN ($ok_ids) AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.thread_id = p.thread_id)")
      expect decide "$db" "decide exited 0 but no decision in the cache" "$missing" 0
    fi
    local refused
    refused=$(awk '$2 != 0' "$SOAK_DIR/decide.results" | head -3)
    expect decide "$db" "decide refused (exit code other than 0 on a fresh thread)" "$refused" ""
  done
  final_integrity decide "$db"
  log "decide: $(awk '$2 == 0' "$SOAK_DIR/decide.results" | wc -l) decisions exited 0; $(sql "$db" 'SELECT count(*) FROM decisions') in the cache"
}

# --------------------------------------------------------------------------------------- sync
SERVER_LOG=
sync_server_checks() {
  local db=$1 final=${2:-}
  # No reply POSTed twice: the same text to the same post at most once, and the server created at
  # most one reply per text and post. Every delivered entry names a reply the server created.
  local twice
  twice=$(python3 - "$SERVER_LOG" <<'EOF'
import json, sys, collections
posts = collections.Counter()
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["ev"] == "post":
        posts[(e["target"], e["text"])] += 1
print(sum(1 for v in posts.values() if v > 1))
EOF
)
  expect sync "$db" "replies POSTed more than once (same text to the same post)" "$twice" 0
  local created delivered_ids unknown_ids
  created=$(python3 -c 'import json,sys; print("\n".join(sorted(e["created"] for e in map(json.loads, open(sys.argv[1])) if e["ev"]=="post" and e["created"])))' "$SERVER_LOG")
  delivered_ids=$(sql "$db" "SELECT remote_id FROM outbox WHERE state = 'delivered' ORDER BY remote_id")
  unknown_ids=$(comm -13 <(echo "$created") <(echo "$delivered_ids") | grep -c .)
  expect sync "$db" "delivered entries whose remote id the server never created" "$unknown_ids" 0
  expect sync "$db" "two entries delivered as the same remote reply" \
    "$(sql "$db" "SELECT count(*) FROM (SELECT remote_id FROM outbox WHERE state = 'delivered' GROUP BY remote_id HAVING count(*) > 1)")" 0
  if [ -n "$final" ]; then
    # After the settling passes every reply is delivered exactly once: one server reply per entry.
    expect sync "$db" "reply entries not delivered after the settling passes" \
      "$(sql "$db" "SELECT count(*) FROM outbox WHERE state <> 'delivered'")" 0
    expect sync "$db" "replies created on the server but not recorded as delivered" \
      "$(comm -23 <(echo "$created") <(echo "$delivered_ids") | grep -c .)" 0
    # Every mention the server ever listed is in the cache once the last pass synced.
    local served stored
    served=$(python3 -c 'import json,sys; print("\n".join(sorted(i for e in map(json.loads, open(sys.argv[1])) if e["ev"]=="mentions" for i in e["ids"])))' "$SERVER_LOG")
    stored=$(sql "$db" "SELECT external_id FROM posts WHERE channel = 'x' AND direction = 'inbound' ORDER BY external_id")
    expect sync "$db" "mentions served by the fake server but missing from the cache" \
      "$(comm -23 <(echo "$served") <(echo "$stored") | grep -c .)" 0
  fi
}

phase_sync() {
  local db="$SOAK_DIR/sync.sqlite" i pid rc n=0
  SERVER_LOG="$SOAK_DIR/fake-x.log"
  : >"$SERVER_LOG"
  rm -f "$SOAK_DIR/fake-x.port"
  SEED=$SEED python3 "$SCRIPT_DIR/fake_x_server.py" "$SOAK_DIR/fake-x.port" "$SERVER_LOG" 1551 &
  SERVER_PID=$!
  for _ in $(seq 50); do [ -s "$SOAK_DIR/fake-x.port" ] && break; sleep 0.1; done
  local port
  port=$(cat "$SOAK_DIR/fake-x.port") || { fail sync "$db" "the fake X server did not start"; return; }
  export SOAK_X_TOKEN=soak-fake-token
  "$CLI" --database "$db" demo >/dev/null
  "$CLI" --database "$db" account add --channel x --id 1551 --base-url "http://127.0.0.1:$port/2" --token-env SOAK_X_TOKEN >/dev/null \
    || { fail sync "$db" "account add failed"; return; }
  log "sync: $KILLS_SYNC kills, fake X on port $port"
  : >"$SOAK_DIR/sync.kills"; : >"$SOAK_DIR/sync-decide.results"; : >"$SOAK_DIR/sync.interrupted"
  for ((i = 1; i <= KILLS_SYNC; i++)); do
    out_of_time && break
    # New replies for the outbox: up to three waiting X threads get a public reply each.
    local t
    for t in $(sql "$db" "SELECT p.external_id FROM posts p JOIN threads th ON th.id = p.thread_id WHERE p.channel = 'x' AND p.direction = 'inbound' AND th.status = 'waiting' AND length(p.external_id) = 10 AND p.external_id GLOB '1[0-9]*' ORDER BY random() LIMIT $((RANDOM % 4))"); do
      n=$((n + 1))
      "$CLI" --database "$db" decide "$t" --channel x --public --text "Gentile cliente, la ricontattiamo in privato entro oggi (rif. $n)" --agent soak >/dev/null 2>&1
      echo "$t $?" >>"$SOAK_DIR/sync-decide.results"
    done
    setsid "$CLI" --database "$db" sync --once --timeout 3 >>"$SOAK_DIR/sync.out" 2>&1 &
    pid=$!
    sleep "$(rand_delay 0 1500)"
    date +%s.%N >>"$SOAK_DIR/sync.kills"
    if kill -0 "$pid" 2>/dev/null; then kill_group "$pid"; else wait "$pid"; fi
    KILLED[sync]=$((KILLED[sync] + 1))
    common_checks sync "$db"
    sync_server_checks "$db"
    sql "$db" "SELECT id FROM outbox WHERE state IN ('sending', 'unknown')" >>"$SOAK_DIR/sync.interrupted"
    local ok_ids
    ok_ids=$(awk '$2 == 0 {printf "%s'\''%s'\''", (n++ ? "," : ""), $1}' "$SOAK_DIR/sync-decide.results")
    if [ -n "$ok_ids" ]; then
      expect sync "$db" "decide exited 0 but no decision in the cache" \
        "$(sql "$db" "SELECT count(*) FROM posts p WHERE p.channel = 'x' AND p.external_id IN ($ok_ids) AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.thread_id = p.thread_id)")" 0
    fi
  done
  # Settle: wait out the lease of an entry left 'sending' by the last kills (--timeout + 30 s),
  # then passes without kills deliver (or read back) everything.
  # Settle: a killed process leaves its leases behind (the account's sync lease, three timeouts
  # + 30 s; a sending entry's, the timeout + 30 s). Wait until they have expired, then run passes
  # without kills until one syncs the account and ends with nothing left to deliver.
  local settled="" wait_ms out
  for _ in 1 2 3 4; do
    wait_ms=$(sql "$db" "SELECT max(0, max(coalesce((SELECT max(json_extract(value, '\$.expires_at')) FROM app_state WHERE key LIKE 'sync_lease:%'), 0), coalesce((SELECT max(lease_until) FROM outbox WHERE state = 'sending'), 0)) - CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))")
    if [ "${wait_ms:-0}" -gt 0 ]; then
      log "sync: settling, waiting $((wait_ms / 1000 + 1)) s for the leases left by killed processes to expire"
      sleep $((wait_ms / 1000 + 1))
    fi
    out=$("$CLI" --database "$db" sync --once --timeout 3 2>&1)
    rc=$?
    echo "$out" >>"$SOAK_DIR/sync.out"
    if [ "$rc" = 0 ] && grep -q '1 of 1 accounts synced' <<<"$out"; then settled=1; break; fi
    sleep 2
  done
  [ -n "$settled" ] || fail sync "$db" "no pass without kills synced the account and delivered everything (last: $out)"
  common_checks sync "$db"
  sync_server_checks "$db" final
  final_integrity sync "$db"
  # How many kills landed between a POST's arrival and its answer.
  BETWEEN=$(python3 - "$SERVER_LOG" "$SOAK_DIR/sync.kills" <<'EOF'
import json, sys
arrive, answer = {}, {}
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["ev"] in ("post", "answered"):
        (arrive if e["ev"] == "post" else answer)[e["seq"]] = e["t"]
kills = [float(x) for x in open(sys.argv[2]) if x.strip()]
print(sum(1 for k in kills if any(a <= k < answer.get(s, float("inf")) for s, a in arrive.items())))
EOF
)
  POSTS_SEEN=$(grep -c '"ev": "post"' "$SERVER_LOG")
  DUP_REFUSED=$(grep -c '"duplicate": true' "$SERVER_LOG")
  INTERRUPTED=$(sort -u "$SOAK_DIR/sync.interrupted" | grep -c .)
  log "sync: $n reply decisions, $POSTS_SEEN POSTs ($DUP_REFUSED refused as duplicates), $BETWEEN kills between a POST and its answer; outbox: $(sql "$db" "SELECT group_concat(state || '=' || c, ' ') FROM (SELECT state, count(*) c FROM outbox GROUP BY state)")"
  kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=
}

BETWEEN=0 POSTS_SEEN=0 DUP_REFUSED=0 INTERRUPTED=0
log "soak: $KILLS kills (import $KILLS_IMPORT, decide $KILLS_DECIDE, sync $KILLS_SYNC), limit ${TIME_LIMIT}s, seed $SEED, binaries $BUILD_DIR, work in $SOAK_DIR"
phase_import
phase_decide
phase_sync

total=$((KILLED[import] + KILLED[decide] + KILLED[sync]))
echo
printf '%-8s %8s %18s %10s\n' phase kills "invariant checks" failures
for p in import decide sync; do
  printf '%-8s %8d %18d %10d\n' "$p" "${KILLED[$p]}" "${PHASE_CHECKS[$p]}" "${PHASE_FAILS[$p]}"
done
printf '%-8s %8d %18d %10d\n' total "$total" "$CHECKS" "$FAILURES"
echo "import runs that finished before the kill: $(awk '$2 == 0' "$SOAK_DIR/import.results" 2>/dev/null | wc -l); killed with all posts stored: $(awk '$2 != 0 && $3 != 0' "$SOAK_DIR/import.results" 2>/dev/null | wc -l); killed with none: $(awk '$2 != 0 && $3 == 0' "$SOAK_DIR/import.results" 2>/dev/null | wc -l)"
echo "sync: $POSTS_SEEN reply POSTs, $DUP_REFUSED refused as duplicates, $BETWEEN kills between a POST and its answer, $INTERRUPTED outbox entries found sending/unknown after a kill (then read back)"
echo "elapsed: $(($(date +%s) - START)) s, seed $SEED"
if [ "$FAILURES" -gt 0 ]; then
  echo "FAILED: $FAILURES invariant violation(s); caches kept in $SOAK_DIR" >&2
  exit 1
fi
[ -n "${KEEP_SOAK_DIR:-}" ] || rm -rf "$SOAK_DIR"
echo "all invariants held"
