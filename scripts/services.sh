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

# apt-get install of whatever of "$@" is missing (one apt-get update first, only when something is missing).
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "services: missing ${missing[*]}; run as root to install them (tests needing them skip)" >&2
    return 0
  fi
  echo "services: installing ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Headless browser for the HTML report test (test/report.browser.test.ts), driven by playwright-core.
apt_install chromium

# Jupyter, to execute the example notebooks headlessly (test/support/notebook.ts). Their TypeScript kernel is Deno's,
# from the `deno` npm package (a devDependency), so it needs nothing beyond npm and these.
apt_install jupyter-notebook python3-nbconvert python3-ipykernel
