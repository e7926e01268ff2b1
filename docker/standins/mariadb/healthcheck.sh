#!/bin/bash
# Stand-in for the official image's healthcheck.sh (its options are accepted and not needed here): healthy
# once the server answers on its TCP port, which the first start's temporary server never opens.
exec mariadb-admin --protocol=tcp --host=127.0.0.1 --port=3306 ping > /dev/null 2>&1
