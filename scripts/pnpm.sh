#!/usr/bin/env bash
# Runs the project's pinned pnpm (installed by scripts/bootstrap.sh).
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools/node_modules/.bin/pnpm" "$@"
