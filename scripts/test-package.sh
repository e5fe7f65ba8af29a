#!/usr/bin/env bash
# Proves the release artefacts by installing each one offline into a clean place and
# using it, as a user would:
#   - one version everywhere: the crates, node/package.json, the Python package (which
#     takes Cargo's), the changelog;
#   - the release workflow passes actionlint (and shellcheck, on its steps and on
#     these scripts);
#   - scripts/package.sh builds dist/;
#   - the wheel, in a fresh virtualenv with no package index, passes tests/package/smoke.py
#     (validate the seed IVR request, parse a webhook, check the Call Pete flow, draw
#     it, emulate a call), which mypy --strict checks against the installed stubs; the
#     sdist holds a complete Cargo workspace;
#   - the two npm tarballs, in an empty project with no registry and no Rust toolchain
#     on PATH, pass tests/package/smoke.mts, compiled by tsc --strict against the
#     installed types;
#   - the CLI archive, unpacked into a temporary folder, validates, draws, prints the
#     schemas and emulates a call against tests/package/backend.py.
# CI packs the debug builds the other test scripts made (CALLFLOW_PACKAGE_PROFILE=dev,
# the default here); CALLFLOW_PACKAGE_PROFILE=release tests release builds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
profile="${CALLFLOW_PACKAGE_PROFILE:-dev}"

step() { printf '\n==> %s\n' "$*"; }
fail() {
  echo "test-package: $*" >&2
  exit 1
}

work="$(mktemp -d)"
backend=""
cleanup() {
  if [ -n "$backend" ]; then kill "$backend" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

version="$(cargo pkgid -p callflow-core | sed 's/.*[@#]//')"

step "one version: $version"
cargo metadata --no-deps --format-version 1 --locked >"$work/metadata.json"
python3 - "$version" "$work/metadata.json" <<'PY'
import json, re, sys
from pathlib import Path

version, metadata = sys.argv[1], json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
problems = [
    f"crate {package['name']} is {package['version']}"
    for package in metadata["packages"]
    if package["version"] != version
]
npm = json.loads(Path("node/package.json").read_text(encoding="utf-8"))["version"]
if npm != version:
    problems.append(f"node/package.json is {npm}")
pyproject = Path("python/pyproject.toml").read_text(encoding="utf-8")
if not re.search(r'^dynamic = \[.*"version".*\]', pyproject, re.M) or re.search(r"^version\s*=", pyproject, re.M):
    problems.append('python/pyproject.toml must take its version from Cargo: dynamic = ["version"]')
if f"## [{version}]" not in Path("CHANGELOG.md").read_text(encoding="utf-8"):
    problems.append(f"CHANGELOG.md has no section for {version}")
if problems:
    sys.exit(f"versions disagree with the workspace version {version}:\n  " + "\n  ".join(problems))
PY

step "actionlint and shellcheck"
(
  source scripts/python-env.sh
  pip install --quiet --disable-pip-version-check -r ../scripts/release-tools.txt
  cd ..
  actionlint -no-color -shellcheck "$(command -v shellcheck)"
  shellcheck -x scripts/package.sh scripts/npm-licences.sh scripts/test-package.sh
)

if [ ! -x node/node_modules/.bin/napi ]; then
  step "npm ci (the napi CLI and TypeScript)"
  (cd node && npm ci --no-audit --no-fund --loglevel=error)
fi

step "scripts/package.sh --profile $profile"
bash scripts/package.sh --profile "$profile"
wheel="$(echo dist/callflow_rs-"$version"-cp310-abi3-*.whl)"
sdist="dist/callflow_rs-$version.tar.gz"
main="dist/callflow-rs-$version.tgz"
platform="$(echo dist/callflow-rs-*-"$version".tgz)"
archive="$(echo dist/callflow-"$version"-*.tar.gz)"
for artefact in "$wheel" "$sdist" "$main" "$platform" "$archive"; do
  [ -f "$artefact" ] || fail "missing artefact $artefact"
done

step "Python: the wheel in a fresh virtualenv, no package index"
"${PYTHON:-python3}" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check --no-index "$wheel"
cp tests/package/smoke.py "$work/"
(cd "$work" && venv/bin/python smoke.py "$root" "$version")
(cd "$work" && "$root/python/.venv/bin/python" -m mypy --strict --cache-dir "$work/mypy-cache" \
  --python-executable venv/bin/python smoke.py)

step "Python: the sdist holds a complete Cargo workspace"
tar -xzf "$sdist" -C "$work"
unpacked="$work/callflow_rs-$version"
for file in pyproject.toml README.md LICENSE-MIT LICENSE-APACHE Cargo.lock callflow/py.typed \
  callflow/_native.pyi bindings/python/Cargo.toml crates/callflow-core/src/lib.rs; do
  [ -f "$unpacked/$file" ] || fail "the sdist has no $file"
done
cargo metadata --offline --format-version 1 --manifest-path "$unpacked/bindings/python/Cargo.toml" >/dev/null

step "npm: the two tarballs in an empty project, offline, no Rust toolchain on PATH"
clean_path="$(dirname "$(command -v node)"):/usr/bin:/bin"
if PATH="$clean_path" command -v cargo >/dev/null || PATH="$clean_path" command -v rustc >/dev/null; then
  fail "a Rust toolchain is on $clean_path"
fi
project="$work/npm-project"
mkdir -p "$project" "$work/home"
echo '{"name": "callflow-smoke", "private": true}' >"$project/package.json"
(cd "$project" && env PATH="$clean_path" HOME="$work/home" npm install --offline --no-audit --no-fund \
  --loglevel=error --cache "$work/npm-cache" --registry http://127.0.0.1:9/ "$root/$main" "$root/$platform")
cp tests/package/smoke.mts "$project/"
cat >"$project/tsconfig.json" <<EOF
{
  "compilerOptions": {
    "strict": true,
    "module": "nodenext",
    "target": "es2022",
    "types": ["node"],
    "typeRoots": ["$root/node/node_modules/@types"]
  },
  "files": ["smoke.mts"]
}
EOF
(cd "$project" && "$root/node/node_modules/.bin/tsc" -p tsconfig.json)
(cd "$project" && env PATH="$clean_path" HOME="$work/home" node smoke.mjs "$root" "$version")

step "CLI: the archive unpacked into a temporary folder"
tar -xzf "$archive" -C "$work"
unpacked="$(echo "$work"/callflow-"$version"-*)"
for file in callflow LICENSE-MIT LICENSE-APACHE README.md CHANGELOG.md; do
  [ -f "$unpacked/$file" ] || fail "the CLI archive has no $file"
done
cli="$unpacked/callflow"
[ "$("$cli" --version)" = "callflow $version" ] || fail "callflow --version says $("$cli" --version)"
"$cli" validate examples/voice/simple-ivr.json
# Each output is read whole before it is searched: `grep -q` stops reading at the first
# match, and under pipefail the writer's broken pipe would fail the step.
pete="$("$cli" validate examples/pbx/call-pete.json)"
grep -q "warning\[missing-outcome\]" <<<"$pete" || fail "the Call Pete flow lacks its warning"
if "$cli" validate examples/voice/invalid-ivr.json >/dev/null; then
  fail "the invalid IVR passed"
fi
svg="$("$cli" render examples/pbx/call-pete.json --format svg)"
grep -q "^<svg" <<<"$svg" || fail "render drew no SVG"
for document in request reply yay ivr; do
  "$cli" schema "$document" | cmp - "schemas/$document.json"
done
python3 tests/package/backend.py >"$work/port" &
backend=$!
for _ in $(seq 50); do
  [ -s "$work/port" ] && break
  sleep 0.1
done
"$cli" emulate examples/voice/simple-ivr.json --webhook "http://127.0.0.1:$(cat "$work/port")/vca" \
  --press 1 --format json >"$work/call.json"
python3 - "$work/call.json" <<'PY'
import json, sys

call = json.load(open(sys.argv[1], encoding="utf-8"))
assert call["ok"] and call["sessionStatus"] == "COMPLETED", call
assert call["heard"][-1] == "Goodbye.", call["heard"]
print(f"CLI OK: emulated call heard {len(call['heard'])} messages")
PY

step "every artefact installed and working"
