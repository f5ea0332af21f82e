#!/usr/bin/env bash
# Starts the PostgreSQL server that the persistence tests run against, on a fresh Debian machine
# as root or on one where it already runs: installs Debian's postgresql package if it is
# missing, creates and starts the cluster, creates the role joinedup (password joinedup,
# CREATEDB: each test block creates and drops its own database), and waits until the server
# accepts connections. Safe to run again.
#
# Progress goes to stderr; stdout is only the export line, so a caller can write
#   eval "$(bash .ci/start-postgres.sh)"
set -euo pipefail

ROLE=joinedup
PASSWORD=joinedup
# JOINEDUP_PG_CLUSTER picks another cluster name, e.g. to try this script beside a running one.
CLUSTER=${JOINEDUP_PG_CLUSTER:-main}

say() { echo "start-postgres: $*" >&2; }

as_postgres() { runuser -u postgres -- "$@"; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  say "installing Debian's postgresql package"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if [ -z "$version" ]; then
  say "no PostgreSQL server under /usr/lib/postgresql after installing postgresql"
  exit 1
fi

if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$version $CLUSTER"; then
  say "creating cluster $version/$CLUSTER"
  pg_createcluster "$version" "$CLUSTER" >&2
fi

# pg_lsclusters -h columns: version cluster port status owner datadir logfile
port=$(pg_lsclusters -h | awk -v v="$version" -v c="$CLUSTER" '$1 == v && $2 == c {print $3}')
status=$(pg_lsclusters -h | awk -v v="$version" -v c="$CLUSTER" '$1 == v && $2 == c {print $4}')
if [ "$status" != "online" ]; then
  say "starting cluster $version/$CLUSTER on port $port"
  pg_ctlcluster "$version" "$CLUSTER" start >&2
fi

# The server may take a few seconds to accept connections after a crash recovery.
for _ in $(seq 1 60); do
  if pg_isready -q -h 127.0.0.1 -p "$port"; then break; fi
  sleep 0.5
done
if ! pg_isready -q -h 127.0.0.1 -p "$port"; then
  say "cluster $version/$CLUSTER does not accept connections on 127.0.0.1:$port within 30 s"
  exit 1
fi

role_exists=$(as_postgres psql -p "$port" -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")
if [ "$role_exists" != "1" ]; then
  say "creating role $ROLE"
  as_postgres psql -p "$port" -q -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD'" >&2
fi

url="postgres://$ROLE:$PASSWORD@127.0.0.1:$port/postgres"
if ! PGCONNECT_TIMEOUT=5 psql "$url" -tAc 'SELECT 1' >/dev/null; then
  say "role $ROLE cannot log in over TCP at 127.0.0.1:$port; check pg_hba.conf"
  exit 1
fi
say "PostgreSQL $version ready on 127.0.0.1:$port"
echo "export JOINEDUP_TEST_DATABASE_URL=$url"
