#!/usr/bin/env bash
# System packages some tests need (installed once, idempotent). Tests start their own servers.
set -euo pipefail
exit 0
