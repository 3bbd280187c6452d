#!/usr/bin/env bash
# The batch comparison of issue #14: installs the pinned @cloud-copilot/iam-simulate (package.json,
# package-lock.json) with npm, then runs the bench that times `secdojo policy test` and
# simulate.mjs on the same 8,580 cases in one run. Not part of `cargo test`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
cd "$here/../.."
cargo bench --bench policy_batch "$@"
