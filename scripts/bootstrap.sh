#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine that has only Node 20 and npm:
# a pinned pnpm under .tools/ (nothing global), then the workspace's packages.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
PNPM_VERSION=12.21.0
pnpm_bin="$root/.tools/node_modules/.bin/pnpm"
if [ ! -x "$pnpm_bin" ] || [ "$("$pnpm_bin" --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "bootstrap: installing pnpm $PNPM_VERSION into .tools/" >&2
  npm install --prefix .tools --no-save --no-package-lock --no-audit --no-fund --loglevel=error "pnpm@$PNPM_VERSION" >&2
fi
# better-sqlite3 (the embedded store) compiles from source on Node 20; node-gyp must find Node's headers locally
# (no network but npm): Debian's nodejs installs them under /usr/include/node, a tarball install beside its bin/.
if [ -z "${npm_config_nodedir:-}" ]; then
  node_prefix="$(dirname "$(dirname "$(command -v node)")")"
  for dir in /usr "$node_prefix"; do
    if [ -f "$dir/include/node/node.h" ]; then export npm_config_nodedir="$dir"; break; fi
  done
fi
if [ -f pnpm-lock.yaml ]; then
  "$pnpm_bin" install --frozen-lockfile --reporter=silent >&2
else
  "$pnpm_bin" install --reporter=silent >&2
fi
