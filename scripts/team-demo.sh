#!/usr/bin/env bash
# A whole care team on this machine, for trying team mode out: a temporary PostgreSQL 15, a team
# database with two agents (Marta Verdi, Paolo Neri) and a hub, the hub running on the demo data
# (it has no platform account: it uploads the demo posts and would deliver decisions if accounts
# were added), and two consoles, one per agent. Everything lives in one temporary folder, removed
# when the consoles are closed. Installs what is missing and builds first, like run-demo.sh.
#
#   bash scripts/team-demo.sh            # two consoles
#   SPORTELLO_TEAM_DEMO_CONSOLES=0 ...   # the team and the hub only (prints how to join)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing_packages
configure_and_build

CLI="$BUILD_DIR/app/sportello-cli"
GUI="$BUILD_DIR/app/sportello"
PG_BIN=${SPORTELLO_PG_BIN_DIR:-/usr/lib/postgresql/15/bin}
WORK=$(mktemp -d /tmp/sportello-team-XXXXXX)
chmod 755 "$WORK"

# The server refuses to run as root: as root it runs as the postgres user.
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres:postgres "$WORK/pg"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$WORK/pg"
ADMIN_PW=$(head -c 18 /dev/urandom | base64)
printf '%s\n' "$ADMIN_PW" > "$WORK/pg/pw"
as_server_user "$PG_BIN/initdb" -D "$WORK/pg/data" --auth=scram-sha-256 --username=team_admin \
  --pwfile="$WORK/pg/pw" --encoding=UTF8 --locale=C.UTF-8 --no-instructions >/dev/null
rm -f "$WORK/pg/pw"
as_server_user "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories='$WORK/pg'" start >/dev/null

HUB_PID=""
cleanup() {
  [ -n "$HUB_PID" ] && kill -TERM "$HUB_PID" 2>/dev/null && wait "$HUB_PID" 2>/dev/null
  as_server_user "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

export PGPASSWORD="$ADMIN_PW"
ADMIN_URL="postgresql://team_admin@127.0.0.1:$PORT/postgres"
URL="postgresql://team_admin@127.0.0.1:$PORT/sportello_team"
"$PG_BIN/psql" -q "$ADMIN_URL" -c "CREATE DATABASE sportello_team" >/dev/null
"$CLI" team init --url "$URL"
export MARTA_PW="marta-demo-password" PAOLO_PW="paolo-demo-password" HUB_PW="hub-demo-password"
"$CLI" team agent add --url "$URL" --login marta --name "Marta Verdi" --role agent --password-env MARTA_PW
"$CLI" team agent add --url "$URL" --login paolo --name "Paolo Neri" --role supervisor --password-env PAOLO_PW
"$CLI" team agent add --url "$URL" --login hub1 --name "Hub" --role hub --password-env HUB_PW
unset PGPASSWORD

# The hub: the demo data in its cache, joined as hub1, uploading and delivering every 5 seconds.
"$CLI" --database "$WORK/hub.sqlite" demo >/dev/null
"$CLI" --database "$WORK/hub.sqlite" team join --url "$URL" --login hub1 --password-env HUB_PW
"$CLI" --database "$WORK/hub.sqlite" hub --interval 5 >"$WORK/hub.log" 2>&1 &
HUB_PID=$!

# One cache per agent, joined with its own login (the password stays in the environment).
for agent in marta paolo; do
  var="$(echo "$agent" | tr '[:lower:]' '[:upper:]')_PW"
  "$CLI" --database "$WORK/$agent.sqlite" team join --url "$URL" --login "$agent" --password-env "$var"
done
sleep 6 # the hub's first round uploads the demo posts; the consoles pull them live anyway
echo "Team database: $URL (log in $WORK/pg/log); hub log: $WORK/hub.log"

if [ "${SPORTELLO_TEAM_DEMO_CONSOLES:-1}" = 0 ]; then
  echo "Join more desktops with: $CLI --database FILE team join --url ${URL/team_admin/LOGIN} --login LOGIN"
  echo "Press Ctrl+C to stop the team."
  wait "$HUB_PID"
  exit 0
fi
run_gui() {
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    xvfb-run -a "$GUI" "$@"
  else
    "$GUI" "$@"
  fi
}
run_gui --database "$WORK/marta.sqlite" &
MARTA=$!
run_gui --database "$WORK/paolo.sqlite" &
PAOLO=$!
wait "$MARTA" "$PAOLO"
