#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 + PostGIS server for trying a team workspace, in a temporary folder,
# on 127.0.0.1 (port 54321 unless PORT is set). Prints how to initialise it and join a project; Ctrl-C
# stops it and removes the folder. Needs the Debian packages postgresql-15 and postgresql-15-postgis-3
# (`sudo apt-get install -y postgresql-15 postgresql-15-postgis-3`). Never for real data: nothing is kept.
set -euo pipefail

PORT="${PORT:-54321}"
BIN=/usr/lib/postgresql/15/bin
[ -x "$BIN/initdb" ] || { echo "team-server: PostgreSQL 15 is not installed: sudo apt-get install -y postgresql-15 postgresql-15-postgis-3" >&2; exit 1; }
[ -f /usr/share/postgresql/15/extension/postgis.control ] || { echo "team-server: PostGIS is not installed: sudo apt-get install -y postgresql-15-postgis-3" >&2; exit 1; }

DIR="$(mktemp -d /tmp/quaywatch-team-XXXXXX)"
if [ -n "${QW_TEAM_PASSWORD:-}" ]; then
  PASSWORD="$QW_TEAM_PASSWORD"; SHOWN="the one in QW_TEAM_PASSWORD"
else
  PASSWORD="$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"; SHOWN="$PASSWORD (throwaway: this server lives until Ctrl-C)"
fi
printf '%s' "$PASSWORD" > "$DIR/pw"
chmod 600 "$DIR/pw"

# PostgreSQL refuses to run as root: as root, run it as the postgres user.
if [ "$(id -u)" -eq 0 ]; then
  chown -R postgres:postgres "$DIR"
  as() { runuser -u postgres -- "$@"; }
else
  as() { "$@"; }
fi

cleanup() {
  as "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
  echo "team-server: stopped; $DIR removed."
}
trap cleanup EXIT
trap 'exit 130' INT TERM

as "$BIN/initdb" -D "$DIR/data" -U postgres --pwfile "$DIR/pw" --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --no-instructions >/dev/null
rm -f "$DIR/pw"
as "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1" -w start >/dev/null
PGPASSWORD="$PASSWORD" psql -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -c 'CREATE DATABASE quaywatch' >/dev/null

cat <<INFO
team-server: PostgreSQL with PostGIS on 127.0.0.1:$PORT, database "quaywatch", superuser "postgres".
  The superuser's password: $SHOWN
  Initialise the workspace and add an analyst (passwords from the environment, never on the command line):
    QW_TEAM_PASSWORD=... quaywatch team init postgres://postgres@127.0.0.1:$PORT/quaywatch
    QW_TEAM_PASSWORD=... QW_TEAM_MEMBER_PASSWORD=... quaywatch team member add postgres://postgres@127.0.0.1:$PORT/quaywatch alice --role analyst --author "Alice"
    QW_TEAM_PASSWORD=<alice's> quaywatch team join port.quaywatch postgres://alice@127.0.0.1:$PORT/quaywatch
    quaywatch team sync port.quaywatch
  QGIS: add a PostgreSQL connection to 127.0.0.1:$PORT, database quaywatch; layers quaywatch.zone,
  quaywatch.sighting_point, quaywatch.sighting_polygon.
Ctrl-C stops the server and removes everything.
INFO
# Waiting in the background lets Ctrl-C or a kill run the cleanup at once.
while true; do sleep 3600 & wait $!; done
