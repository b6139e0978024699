#!/usr/bin/env bash
# System packages some tests need (installed once, idempotent). Tests start their own servers.
set -euo pipefail

# PostgreSQL server binaries, for the store tests (test/support/postgres.ts starts a private cluster on a free port).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "services: PostgreSQL server binaries are missing; run this script as root to install Debian's postgresql" >&2
    exit 1
  fi
  echo "services: installing Debian's postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
fi
if ! id postgres >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi
exit 0
