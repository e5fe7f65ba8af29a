#!/usr/bin/env bash
# Benchmarks the Node package (release build of the addon) beside ajv and zod: validating
# the seed IVR request as text and as an object, building a flow, parsing a Voice Call
# Action webhook and answering it with webhooks.handle; prints the ratios and the goals.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../node"

npm ci --no-audit --no-fund --loglevel=error
npm run build
node benchmarks/compare.js
