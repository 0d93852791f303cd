#!/usr/bin/env bash
# Makes the machine's PostgreSQL 15 on 127.0.0.1:5432 a primary with a synchronous streaming standby on
# 127.0.0.1:5433 (issue 18): a physical replication slot, pg_basebackup -R into a data directory owned by
# postgres, pg_ctl start, then waits until 5433 is in recovery and 5432 shows it streaming.
# Idempotent: a healthy standby is reused, a broken one is rebuilt. Any failure stops CI loudly.
#
# Commit rule (docs/failover.md): synchronous_standby_names names the standby, and the primary's default
# synchronous_commit is `local`, so ordinary writes do not wait for it; payment confirmations and refunds
# ask for `remote_apply` in their own transactions (SET LOCAL).
set -euo pipefail

BIN=/usr/lib/postgresql/15/bin
PRIMARY_PORT=5432
STANDBY_PORT=5433
SLOT=pizza_standby
APP_NAME=pizza_standby
DATA=${PG_STANDBY_DIR:-/var/lib/postgresql/15/standby}
LOG=${PG_STANDBY_LOG:-/var/log/postgresql/postgresql-15-standby.log}

die() { printf '\nCI FAILED (pg standby): %s\n' "$*" >&2; [ -f "$LOG" ] && tail -n 20 "$LOG" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
primary() { psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -Atqc "$1"; }
standby() { psql -h 127.0.0.1 -p "$STANDBY_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -Atqc "$1" 2>/dev/null; }
streaming() { [ "$(primary "select count(*) from pg_stat_replication where application_name = '$APP_NAME' and state = 'streaming'")" = 1 ]; }
healthy() { [ "$(standby 'select pg_is_in_recovery()' || true)" = t ] && streaming; }

[ -x "$BIN/pg_ctl" ] || die "PostgreSQL 15 binaries not found in $BIN"
pg_isready -q -h 127.0.0.1 -p "$PRIMARY_PORT" || die "the primary on 127.0.0.1:$PRIMARY_PORT is down"

# The primary: replication connections from loopback (trust, like every other line on this machine).
hba=$(primary 'show hba_file')
if ! grep -Eq '^\s*host\s+replication\s+all\s+127\.0\.0\.1/32\s+trust' "$hba"; then
  echo "host replication all 127.0.0.1/32 trust" >>"$hba"
  primary 'select pg_reload_conf()' >/dev/null
fi
[ "$(primary 'show wal_level')" != minimal ] || die "wal_level is minimal on the primary; replication needs replica"
primary "select pg_create_physical_replication_slot('$SLOT') where not exists (select 1 from pg_replication_slots where slot_name = '$SLOT')" >/dev/null

if healthy; then
  echo "standby on 127.0.0.1:$STANDBY_PORT is healthy and streaming; reused"
else
  echo "building the standby on 127.0.0.1:$STANDBY_PORT in $DATA"
  if [ -f "$DATA/postmaster.pid" ]; then as_pg "$BIN/pg_ctl" -D "$DATA" stop -m immediate -w >/dev/null 2>&1 || true; fi
  # A standby left running from an older data directory still holds the port: stop what answers there.
  if pg_isready -q -h 127.0.0.1 -p "$STANDBY_PORT"; then die "something else answers on 127.0.0.1:$STANDBY_PORT and is not a healthy standby"; fi
  rm -rf "$DATA"
  mkdir -p "$(dirname "$DATA")" "$(dirname "$LOG")"
  install -d -o postgres -g postgres -m 0700 "$DATA"
  touch "$LOG" && chown postgres:postgres "$LOG"
  as_pg "$BIN/pg_basebackup" -d "host=127.0.0.1 port=$PRIMARY_PORT user=postgres application_name=$APP_NAME" \
    -D "$DATA" -R -S "$SLOT" -X stream -c fast >/dev/null || die "pg_basebackup failed"
  # Debian keeps the configuration in /etc, so the copy has none: the standby gets its own small one.
  as_pg tee "$DATA/postgresql.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $STANDBY_PORT
unix_socket_directories = '/var/run/postgresql'
hot_standby = on
hot_standby_feedback = on
max_connections = 100
shared_buffers = 64MB
cluster_name = '15/standby'
autovacuum = off
EOF
  as_pg tee "$DATA/pg_hba.conf" >/dev/null <<EOF
local all all trust
host all all 127.0.0.1/32 trust
host replication all 127.0.0.1/32 trust
EOF
  grep -q "application_name=$APP_NAME" "$DATA/postgresql.auto.conf" ||
    die "pg_basebackup -R did not keep application_name=$APP_NAME in primary_conninfo"
  as_pg "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null || die "the standby did not start"
fi

for _ in $(seq 1 60); do healthy && break; sleep 0.5; done
# A test that paused replay (to show reads fall back to the primary) and died before resuming it.
[ "$(standby 'select pg_is_wal_replay_paused()' || true)" = t ] && standby 'select pg_wal_replay_resume()' >/dev/null
[ "$(standby 'select pg_is_in_recovery()' || true)" = t ] || die "127.0.0.1:$STANDBY_PORT is not in recovery"
streaming || die "the primary does not show $APP_NAME streaming in pg_stat_replication"

# Synchronous for those who ask (payments: SET LOCAL synchronous_commit = remote_apply); local for the rest.
if [ "$(primary 'show synchronous_standby_names')" != "$APP_NAME" ] || [ "$(primary 'show synchronous_commit')" != local ]; then
  primary "alter system set synchronous_standby_names = '$APP_NAME'" >/dev/null
  primary "alter system set synchronous_commit = 'local'" >/dev/null
  primary 'select pg_reload_conf()' >/dev/null
  for _ in $(seq 1 20); do [ "$(primary 'show synchronous_commit')" = local ] && break; sleep 0.2; done
fi
for _ in $(seq 1 20); do
  [ "$(primary "select sync_state from pg_stat_replication where application_name = '$APP_NAME'")" = sync ] && break
  sleep 0.25
done
[ "$(primary "select sync_state from pg_stat_replication where application_name = '$APP_NAME'")" = sync ] ||
  die "the standby is streaming but not synchronous"
echo "standby 127.0.0.1:$STANDBY_PORT streaming (sync) from 127.0.0.1:$PRIMARY_PORT; slot $SLOT; default synchronous_commit=local"
