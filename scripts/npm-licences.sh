#!/usr/bin/env bash
# Puts the licences into each platform package that `napi create-npm-dirs` made under
# NPM_DIR, and lists them in its files. Used by scripts/package.sh and the release
# workflow.
#
# Usage: scripts/npm-licences.sh NPM_DIR
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for package in "${1:?usage: scripts/npm-licences.sh NPM_DIR}"/*/; do
  cp "$root/LICENSE-MIT" "$root/LICENSE-APACHE" "$package"
  (cd "$package" && npm pkg set 'files[]=LICENSE-MIT' 'files[]=LICENSE-APACHE')
done
