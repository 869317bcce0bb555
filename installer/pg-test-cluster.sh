#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests (Debian's postgresql package).
#   bash installer/pg-test-cluster.sh start DIR   - make and start a cluster in DIR;
#                                                  prints its URL (postgresql://...)
#   bash installer/pg-test-cluster.sh stop DIR    - stop it (the caller removes DIR)
#   bash installer/pg-test-cluster.sh again DIR   - start a stopped (or killed) one again,
#                                                  on its port, its data as the crash left it
# The data and the socket stay in DIR, the port is a free one, fsync is off (a
# test cluster outlives no power cut) but a commit is written before it is
# acknowledged: a server killed mid-save keeps every commit it acknowledged.  initdb refuses to run as root: as root the
# cluster is made and run by the postgres system user.
set -euo pipefail

cmd="${1:?usage: pg-test-cluster.sh start|stop DIR}"
dir="${2:?usage: pg-test-cluster.sh start|stop DIR}"

bindir() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$found" ] && [ -x "$found/initdb" ]; then
        echo "$found"
    elif command -v pg_ctl >/dev/null; then
        dirname "$(command -v pg_ctl)"
    else
        echo "pg-test-cluster: no PostgreSQL server found (apt-get install postgresql)" >&2
        exit 1
    fi
}

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

serve() {
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-p $1 -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=50" \
        >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://postgres@127.0.0.1:$1/postgres"
}

bin=$(bindir)
case "$cmd" in
    start)
        mkdir -p "$dir"
        [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
        as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
            >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
        port=$(free_port)
        echo "$port" > "$dir/port"
        serve "$port"
        ;;
    again)
        serve "$(cat "$dir/port")"
        ;;
    stop)
        if [ -f "$dir/data/postmaster.pid" ]; then
            as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
        fi
        ;;
    *)
        echo "usage: pg-test-cluster.sh start|stop|again DIR" >&2
        exit 2
        ;;
esac
