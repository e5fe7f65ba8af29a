#!/usr/bin/env bash
# Tests the Node package from a fresh clone: installs the locked npm packages, builds the
# addon (debug), checks that the committed index.js and index.d.ts are what the build
# generates, type-checks the TypeScript samples, and runs `node --test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../node"

step() { printf '\n==> %s\n' "$*"; }

step "npm ci"
npm ci --no-audit --no-fund --loglevel=error

step "napi build (debug), into a scratch directory"
generated="$(mktemp -d)"
trap 'rm -rf "$generated"' EXIT
npx napi build --platform --manifest-path ../bindings/node/Cargo.toml \
  --output-dir "$generated" --js index.js --dts index.d.ts
cp "$generated"/*.node .

step "committed index.js and index.d.ts match the build"
for file in index.js index.d.ts; do
  if ! diff -u "$file" "$generated/$file"; then
    echo "node/$file differs from what the build generates: run 'npm run build:debug' in node/ and commit it" >&2
    exit 1
  fi
done

step "tsc --noEmit --strict (test/types)"
npx tsc --noEmit --strict -p test/types

step "node --test"
node --test
