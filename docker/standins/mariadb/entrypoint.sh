#!/bin/bash
# The official image's first start, as far as compose.yaml relies on it: an empty data folder is
# initialised, the root password and the application user are set, the init scripts run; then the server.
set -euo pipefail
datadir=/var/lib/mysql
if [ ! -d "$datadir/mysql" ]; then
  : "${MARIADB_ROOT_PASSWORD:?MARIADB_ROOT_PASSWORD is not set}"
  chown mysql:mysql "$datadir"
  mariadb-install-db --user=mysql --datadir="$datadir" --auth-root-authentication-method=normal \
    --skip-test-db > /dev/null
  mariadbd --user=mysql --datadir="$datadir" --skip-networking --socket=/run/mysqld/init.sock &
  pid=$!
  for _ in $(seq 60); do mariadb-admin --socket=/run/mysqld/init.sock ping >/dev/null 2>&1 && break; sleep 0.5; done
  sql() { mariadb --socket=/run/mysqld/init.sock -uroot "$@"; }
  {
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '${MARIADB_ROOT_PASSWORD}';"
    echo "CREATE USER 'root'@'%' IDENTIFIED BY '${MARIADB_ROOT_PASSWORD}'; GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
    if [ -n "${MARIADB_DATABASE:-}" ]; then echo "CREATE DATABASE IF NOT EXISTS \`${MARIADB_DATABASE}\`;"; fi
    if [ -n "${MARIADB_USER:-}" ]; then
      echo "CREATE USER '${MARIADB_USER}'@'%' IDENTIFIED BY '${MARIADB_PASSWORD:?MARIADB_PASSWORD is not set}';"
      if [ -n "${MARIADB_DATABASE:-}" ]; then echo "GRANT ALL ON \`${MARIADB_DATABASE}\`.* TO '${MARIADB_USER}'@'%';"; fi
    fi
  } | sql
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sql) echo "entrypoint: running $f"; sql -p"${MARIADB_ROOT_PASSWORD}" < "$f" ;;
      *.sh) echo "entrypoint: running $f"; bash "$f" ;;
    esac
  done
  mariadb-admin --socket=/run/mysqld/init.sock -uroot -p"${MARIADB_ROOT_PASSWORD}" shutdown
  wait "$pid" || true
fi
if [ "$1" = mariadbd ]; then
  shift
  exec mariadbd --user=mysql --datadir="$datadir" --bind-address=0.0.0.0 --port=3306 "$@"
fi
exec "$@"
