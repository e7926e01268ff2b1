#!/usr/bin/env bash
# Builds, in the Docker engine at DOCKER_HOST, the images that docker/compose.yaml and the Dockerfiles need and
# that no registry gives on the project's machines:
#   localhost/debian-base:bookworm              a Debian root file system (debootstrap, kept as a tar in
#                                                $SKYNET_DOCKER_CACHE, /var/cache/skynet-docker, for the next run)
#   eclipse-temurin:17-jre                      stand-in for the public JRE image (a real one is left alone)
#   localhost/skynet-standin/{mariadb,redis,prometheus}:bookworm
#                                                stand-ins that the tests' compose.test.yaml puts in place of
#                                                the official images
# Run it as root (debootstrap). Every step is cached: a second run takes a few seconds.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# Debian's CLI when installed: its docker build needs no buildx, which another CLI on the machine may lack
if [ -z "${DOCKER:-}" ] && [ -x /usr/bin/docker ]; then DOCKER=/usr/bin/docker; fi
docker=${DOCKER:-docker}
cache=${SKYNET_DOCKER_CACHE:-/var/cache/skynet-docker}
base=localhost/debian-base:bookworm
say() { echo "standins: $*"; }

if ! "$docker" image inspect "$base" > /dev/null 2>&1; then
  tar="$cache/debian-bookworm-minbase.tar"
  if [ ! -s "$tar" ]; then
    command -v debootstrap > /dev/null || { echo "standins: debootstrap is missing (apt-get install debootstrap)" >&2; exit 1; }
    mkdir -p "$cache"
    mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2> /dev/null || true)
    root=$(mktemp -d)
    say "debootstrap bookworm into $root (log: $cache/debootstrap.log)"
    debootstrap --variant=minbase bookworm "$root" "${mirror:-http://deb.debian.org/debian}" > "$cache/debootstrap.log" 2>&1
    tar -C "$root" -c . > "$tar.part" && mv "$tar.part" "$tar"
    rm -rf "$root"
  fi
  say "importing $tar as $base"
  "$docker" import "$tar" "$base" > /dev/null
fi

# A stand-in carries the label io.skynetspring.standin; an image without it came from a registry: keep it.
standin() { # tag folder
  if "$docker" image inspect "$1" > /dev/null 2>&1; then
    label=$("$docker" image inspect -f '{{index .Config.Labels "io.skynetspring.standin"}}' "$1")
    if [ -z "$label" ] || [ "$label" = "<no value>" ]; then say "$1 is a real image: kept"; return; fi
  fi
  say "building $1"
  "$docker" build -q -t "$1" "$here/$2" > "$logs/$2.log" 2>&1 || { cat "$logs/$2.log" >&2; return 1; }
}

# at once: they mostly wait for Debian's mirror and dpkg
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
pids=()
standin eclipse-temurin:17-jre temurin & pids+=($!)
standin localhost/skynet-standin/mariadb:bookworm mariadb & pids+=($!)
standin localhost/skynet-standin/redis:bookworm redis & pids+=($!)
standin localhost/skynet-standin/prometheus:bookworm prometheus & pids+=($!)
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
[ "$failed" = 0 ] || { echo "standins: a build failed (above)" >&2; exit 1; }
say "ready"
