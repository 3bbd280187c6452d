#!/usr/bin/env bash
# Side-by-side comparison of `secdojo policy lint` with parliament, cloudsplaining and checkov on
# tests/peers/corpus (see docs/lint-comparison.md). Creates one virtualenv per peer (their pinned
# dependencies conflict) with the pinned versions from PyPI, in target/peers-venv unless
# PEERS_VENV says otherwise; builds secdojo in release mode; prints the table and writes the
# per-input results to target/peers-detail.tsv. Not part of `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV="${PEERS_VENV:-target/peers-venv}"
for spec in parliament==1.6.4 cloudsplaining==0.9.1 checkov==3.3.30; do
  name="${spec%%==*}"
  if [ ! -x "$VENV/$name/bin/$name" ]; then
    python3 -m venv "$VENV/$name"
    "$VENV/$name/bin/pip" install -q "$spec"
  fi
done
cargo build --release --locked --bin secdojo -q
PARLIAMENT="$VENV/parliament/bin/parliament" \
  CLOUDSPLAINING="$VENV/cloudsplaining/bin/cloudsplaining" \
  CHECKOV="$VENV/checkov/bin/checkov" \
  SECDOJO="target/release/secdojo" \
  PEERS_DETAIL="${PEERS_DETAIL:-target/peers-detail.tsv}" \
  python3 tests/peers/run.py
