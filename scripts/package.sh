#!/usr/bin/env bash
# Builds callflow's release artefacts into dist/:
#   python  callflow_rs-<version>-cp310-abi3-<platform>.whl and callflow_rs-<version>.tar.gz:
#           the Python package (one abi3 wheel for CPython 3.10+, and the sdist), by maturin;
#   npm     callflow-rs-<version>.tgz and callflow-rs-<platform>-<version>.tgz: the npm
#           package and the package of this target's binary, which the first one lists
#           in optionalDependencies, wired by the napi CLI as a release wires them all;
#   cli     callflow-<version>-<target>.tar.gz: the `callflow` command with its licences,
#           README and changelog.
# scripts/test-package.sh installs them offline and tests them; the release workflow
# (.github/workflows/release.yml) builds them for every platform.
#
# Usage: scripts/package.sh [--profile release|dev] [--target TRIPLE] [python|npm|cli]...
# Without parts, all three. The artefacts are release builds; --profile dev packs the
# debug builds the test scripts have already made (CI does). --target cross-builds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
dist="$root/dist"

usage() {
  echo "usage: scripts/package.sh [--profile release|dev] [--target TRIPLE] [python|npm|cli]..." >&2
  exit 2
}
step() { printf '\n==> %s\n' "$*"; }

profile=release
target=""
parts=()
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="${2:-}" && shift 2 ;;
    --target) target="${2:-}" && shift 2 ;;
    python | npm | cli) parts+=("$1") && shift ;;
    *) usage ;;
  esac
done
# The folder under target/ that cargo builds the profile into; napi names the profile
# by that folder's flag.
case "$profile" in
  release) built=release napi_profile=(--release) ;;
  dev) built=debug napi_profile=() ;;
  *) usage ;;
esac
if [ ${#parts[@]} -eq 0 ]; then
  parts=(python npm cli)
fi
# Given only when cross-building: an explicit target has its own folder under target/.
target_args=(${target:+--target "$target"})
triple="${target:-$(rustc -vV | sed -n 's/^host: //p')}"
version="$(cargo pkgid -p callflow-core | sed 's/.*[@#]//')"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
rm -rf "$dist"
mkdir -p "$dist"

python_packages() {
  step "Python wheel and sdist (maturin, $profile)"
  (
    source scripts/python-env.sh
    maturin build --quiet --profile "$profile" --locked "${target_args[@]}" --out "$dist"
    # maturin sdist reports a missing ./Cargo.toml before it reads manifest-path: the
    # log is shown only when it fails.
    if ! maturin sdist --out "$dist" >"$stage/sdist.log" 2>&1; then
      cat "$stage/sdist.log" >&2
      exit 1
    fi
  )
}

npm_packages() {
  step "npm packages (napi, $profile, $triple)"
  # napi also writes the loader and types beside the addon: the committed ones are the
  # same (scripts/test-node.sh checks it), so only the addon is kept.
  (cd node && npx napi build --platform "${napi_profile[@]}" "${target_args[@]}" \
    --manifest-path ../bindings/node/Cargo.toml --output-dir "$stage/build" >/dev/null)
  mkdir "$stage/addon"
  mv "$stage"/build/*.node "$stage/addon/"
  # The package as npm publishes it, plus the licences (npm packs no symlinks), staged
  # outside the tree so that what the napi CLI changes in package.json stays there.
  (cd node && npm pack --silent --pack-destination "$stage" >/dev/null)
  tar -xzf "$stage/callflow-rs-$version.tgz" -C "$stage"
  local package="$stage/package"
  cp LICENSE-MIT LICENSE-APACHE "$package/"
  # One target here; the release workflow runs the same commands with all of them.
  (cd "$package" && node -e '
    const fs = require("node:fs")
    const manifest = JSON.parse(fs.readFileSync("package.json", "utf8"))
    manifest.napi.targets = [process.argv[1]]
    fs.writeFileSync("package.json", JSON.stringify(manifest, null, 2) + "\n")' "$triple")
  local napi="$root/node/node_modules/.bin/napi"
  (
    cd "$package"
    "$napi" create-npm-dirs >/dev/null
    bash "$root/scripts/npm-licences.sh" npm
    "$napi" artifacts --output-dir "$stage/addon" >/dev/null
    # Adds the optionalDependencies on the platform packages; publishes nothing.
    "$napi" pre-publish --tag-style npm --skip-optional-publish --no-gh-release >/dev/null
    npm pack --silent --pack-destination "$dist" >/dev/null
    for platform in npm/*/; do
      (cd "$platform" && npm pack --silent --pack-destination "$dist" >/dev/null)
    done
  )
}

cli() {
  step "callflow CLI ($profile, $triple)"
  cargo build --quiet --profile "$profile" --locked "${target_args[@]}" -p callflow-cli
  local archive="callflow-$version-$triple"
  local binary="target/${target:+$target/}$built/callflow"
  [ -f "$binary" ] || binary="$binary.exe"
  mkdir "$stage/$archive"
  cp "$binary" LICENSE-MIT LICENSE-APACHE README.md CHANGELOG.md "$stage/$archive/"
  tar -czf "$dist/$archive.tar.gz" -C "$stage" "$archive"
}

for part in "${parts[@]}"; do
  case "$part" in
    python) python_packages ;;
    npm) npm_packages ;;
    cli) cli ;;
  esac
done

step "dist/"
ls -l "$dist"
