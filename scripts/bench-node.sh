#!/usr/bin/env bash
# Benchmarks the Node package (release build of the addon) beside ajv and zod on the
# seed IVR request, and prints the ratios.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../node"

npm ci --no-audit --no-fund --loglevel=error
npm run build
node benchmarks/compare.js
