#!/usr/bin/env bash
# Writes every file generated from callflow-core's tables: the Python binding's action
# classes and the generated regions of python/callflow/_native.pyi,
# python/callflow/_builder.py and node/dts-header.d.ts (crates/callflow-codegen), and the
# JSON Schemas in schemas/ (`callflow schema`). Tests fail when a committed copy differs.
# Then rebuild the Node declarations:
#   cd node && npx napi build --platform --manifest-path ../bindings/node/Cargo.toml --output-dir . --js index.js --dts index.d.ts
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo run --quiet -p callflow-codegen -- .
for name in request reply yay ivr; do
    cargo run --quiet -p callflow-cli -- schema "$name" -o "schemas/$name.json"
done
