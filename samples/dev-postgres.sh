#!/usr/bin/env bash
# A throwaway PostgreSQL server for development, tests and load runs, from Debian's postgresql package: a new cluster
# in DIR that listens on a Unix socket in DIR only (no TCP port, so it can never take a port another test or host
# picked), trust authentication, user postgres. As root, the server runs as the user postgres (PostgreSQL refuses to
# run as root). Not for production (docs/deployment.md).
#   bash samples/dev-postgres.sh start DIR [PORT]   # prints the connection string for Audit:Store; PORT names the
#                                                   # socket file (.s.PGSQL.PORT), default 5432
#   bash samples/dev-postgres.sh stop DIR           # stops the server and removes DIR
set -euo pipefail
command=${1:?start or stop}
dir=${2:?the cluster folder}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed: apt-get install postgresql" >&2; exit 1; }
as_owner=()
[ "$(id -u)" -eq 0 ] && as_owner=(runuser -u postgres --)

case $command in
  start)
    port=${3:-5432}
    mkdir -p "$dir"
    [ ${#as_owner[@]} -gt 0 ] && chown postgres: "$dir"
    "${as_owner[@]}" "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --no-instructions > "$dir.initdb.log"
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses='' -c max_connections=200" start > /dev/null
    rm -f "$dir.initdb.log"
    echo "Host=$dir;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir" -m immediate -w stop > /dev/null || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
