#!/usr/bin/env bash
# Starts the services the tests use, on loopback, when they are not answering: PostgreSQL
# (127.0.0.1:5432, Debian's cluster "main") and Redis (127.0.0.1:6379, no persistence).
# Idempotent: with both answering it does nothing. .ci/run calls it before `mvn -B verify`,
# Maven before parley-server's tests, and the testkit's TestDatabase when PostgreSQL is down.
#
# A service that is missing or cannot be started is reported and the script goes on (exit 0):
# the tests that need it then fail saying so, rather than being skipped.
set -uo pipefail

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # PORT NAME
  for _ in $(seq 1 50); do
    answers "$1" && return 0
    sleep 0.2
  done
  echo "start-services: $2 does not answer on 127.0.0.1:$1" >&2
  return 1
}

if ! answers 5432; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [[ -d /etc/postgresql ]]; then
    version="$(ls /etc/postgresql | sort -V | tail -n 1)"
    echo "start-services: starting PostgreSQL $version" >&2
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || echo "start-services: PostgreSQL did not start" >&2
    wait_for 5432 PostgreSQL
  else
    echo "start-services: PostgreSQL is not installed (apt-get install postgresql)" >&2
  fi
fi

if ! answers 6379; then
  if command -v redis-server >/dev/null 2>&1; then
    echo "start-services: starting Redis" >&2
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log || echo "start-services: Redis did not start" >&2
    wait_for 6379 Redis
  else
    echo "start-services: Redis is not installed (apt-get install redis-server)" >&2
  fi
fi
exit 0
