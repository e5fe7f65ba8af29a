#!/usr/bin/env bash
# Writes every file generated from callflow-core's catalogue (crates/callflow-codegen):
# the Python binding's action classes, the generated regions of python/callflow/_native.pyi,
# python/callflow/_builder.py and node/dts-header.d.ts. Then rebuild the Node declarations:
#   cd node && npx napi build --platform --manifest-path ../bindings/node/Cargo.toml --js index.js --dts index.d.ts
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo run --quiet -p callflow-codegen -- .
