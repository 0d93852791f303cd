#!/usr/bin/env bash
# A local Redis Cluster for tests and for running the platform with REDIS_CLUSTER_NODES (issue 18):
# 6 redis-server processes on 127.0.0.1:7000-7005 (3 primaries, 3 replicas), in-memory only.
# Idempotent: a healthy cluster (cluster_state:ok, 6 nodes) is reused; anything else on those ports is
# flushed, reset and created again. Exits non-zero with a sentence when the cluster does not come up.
#   bash .ci/redis-cluster.sh            # start or reuse
#   bash .ci/redis-cluster.sh stop       # shut the six servers down
# REDIS_CLUSTER_BASE_PORT moves the six ports (the redis-primary-kill drill runs one of its own on 7100-7105).
set -euo pipefail

HOST=127.0.0.1
BASE="${REDIS_CLUSTER_BASE_PORT:-7000}"
PORTS=($BASE $((BASE + 1)) $((BASE + 2)) $((BASE + 3)) $((BASE + 4)) $((BASE + 5)))
DIR="${REDIS_CLUSTER_DIR:-${TMPDIR:-/tmp}/pizza-redis-cluster-$BASE}"

die() { printf 'redis-cluster: FAILED: %s\n' "$*" >&2; exit 1; }
cli() { redis-cli -h "$HOST" -p "$1" "${@:2}"; }
alive() { [ "$(cli "$1" ping 2>/dev/null)" = "PONG" ]; }
state_ok() { cli "$1" cluster info 2>/dev/null | tr -d '\r' | grep -q '^cluster_state:ok$'; }
known_nodes() { cli "$1" cluster info 2>/dev/null | tr -d '\r' | sed -n 's/^cluster_known_nodes://p'; }

healthy() {
  for p in "${PORTS[@]}"; do
    alive "$p" && state_ok "$p" && [ "$(known_nodes "$p")" = "${#PORTS[@]}" ] || return 1
  done
  # every slot served (cluster_state:ok already implies it) by a primary among our ports
  [ "$(cli "${PORTS[0]}" cluster info | tr -d '\r' | sed -n 's/^cluster_slots_ok://p')" = "16384" ] || return 1
  ! open_slots
}
# A slot left half-moved (IMPORTING/MIGRATING, e.g. by an interrupted migration test) shows as [slot-<-id].
open_slots() {
  for p in "${PORTS[@]}"; do cli "$p" cluster nodes 2>/dev/null | grep myself | grep -q '\[' && return 0; done
  return 1
}

if [ "${1:-}" = "stop" ]; then
  for p in "${PORTS[@]}"; do cli "$p" shutdown nosave >/dev/null 2>&1 || true; done
  echo "redis-cluster: stopped"
  exit 0
fi

command -v redis-server >/dev/null || die "redis-server is not installed (Debian package redis-server)"

if healthy; then
  echo "redis-cluster: reusing the healthy cluster on $HOST:${PORTS[0]}-${PORTS[-1]}"
  exit 0
fi
if open_slots; then
  echo "redis-cluster: closing half-moved slots (redis-cli --cluster fix)"
  redis-cli --cluster fix "$HOST:${PORTS[0]}" --cluster-yes >"$DIR/fix.log" 2>&1 || true
  if healthy; then
    echo "redis-cluster: reusing the repaired cluster on $HOST:${PORTS[0]}-${PORTS[-1]}"
    exit 0
  fi
fi

mkdir -p "$DIR"
for p in "${PORTS[@]}"; do
  if alive "$p"; then
    # Something answers but the cluster is not healthy: wipe it so `--cluster create` can start afresh.
    if ! cli "$p" cluster info >/dev/null 2>&1; then
      die "port $p answers but is not a cluster-enabled Redis; stop it first"
    fi
    cli "$p" flushall >/dev/null 2>&1 || true # replicas refuse (READONLY): the reset below clears them
    cli "$p" cluster reset hard >/dev/null || die "CLUSTER RESET on port $p failed"
  else
    rm -f "$DIR/nodes-$p.conf"
    redis-server --daemonize yes --bind "$HOST" --port "$p" \
      --cluster-enabled yes --cluster-config-file "$DIR/nodes-$p.conf" --cluster-node-timeout 2000 \
      --save "" --appendonly no --dir "$DIR" --logfile "$DIR/redis-$p.log" --pidfile "$DIR/redis-$p.pid" \
      || die "redis-server on port $p did not start (see $DIR/redis-$p.log)"
  fi
done
for p in "${PORTS[@]}"; do
  for _ in $(seq 1 50); do alive "$p" && break; sleep 0.1; done
  alive "$p" || die "redis-server on port $p does not answer PING (see $DIR/redis-$p.log)"
done

seeds=()
for p in "${PORTS[@]}"; do seeds+=("$HOST:$p"); done
redis-cli --cluster create "${seeds[@]}" --cluster-replicas 1 --cluster-yes >"$DIR/create.log" 2>&1 \
  || die "redis-cli --cluster create failed: $(tail -n 3 "$DIR/create.log")"

for _ in $(seq 1 100); do healthy && break; sleep 0.2; done
healthy || die "the cluster on $HOST:${PORTS[0]}-${PORTS[-1]} did not reach cluster_state:ok with ${#PORTS[@]} nodes in 20 s"
echo "redis-cluster: ready on $HOST:${PORTS[0]}-${PORTS[-1]} (3 primaries, 3 replicas)"
