#!/usr/bin/env bash
# Runs every check and test of callflow, from a fresh clone, with nothing installed by
# hand beyond the Rust toolchain, Python 3 and Node: formatting, lints, docs, and all
# test suites (Rust unit, doc, shared vectors, robustness, CLI; the Python package; the
# Node package), then the release artefacts, each installed offline and used.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo doc (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked --quiet

step "cargo test"
cargo test --workspace --locked

step "Python package (scripts/test-python.sh)"
bash scripts/test-python.sh

step "Node package (scripts/test-node.sh)"
bash scripts/test-node.sh

step "Release artefacts, installed offline (scripts/test-package.sh)"
bash scripts/test-package.sh
