#!/usr/bin/env bash
# Proves the package as a stranger gets it: build the wheel from this source tree, install it into a fresh
# virtualenv outside the repository, and run `erbij` from an empty folder (no repository, no .env, no ERBIJ_*
# variables). Anything the program reads from the repository instead of the package fails here.
# pip's cache is reused, so after the first run this takes well under a minute.
set -euo pipefail
BIN=${BIN:-.venv/bin}
PYTHON=${PYTHON:-python3}
ROOT=$(pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/erbij-package.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

echo "== package: wheel, fresh venv, erbij from an empty folder =="
# Build from a copy of the source files: building in place leaves build/, whose stale modules a later wheel
# would silently include. In a git checkout the copy is what git knows (tracked or not ignored).
mkdir "$WORK/src"
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git -C "$ROOT" ls-files -z --cached --others --exclude-standard |
    (cd "$ROOT" && xargs -0 sh -c 'for f; do [ -e "$f" ] || [ -L "$f" ] && printf "%s\0" "$f"; done' sh) |
    tar -C "$ROOT" --null -T - -cf - | tar -C "$WORK/src" -xf -
else
  tar -C "$ROOT" --exclude=./.venv --exclude=./build --exclude='*.egg-info' -cf - . | tar -C "$WORK/src" -xf -
fi
# -qq: errors only; warnings about the local package-index configuration would drown the output.
"$BIN/python" -m pip wheel --quiet --quiet --no-deps --wheel-dir "$WORK/dist" "$WORK/src"
WHEEL=$(ls "$WORK"/dist/erbij-*.whl)

"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet --quiet "$WHEEL"

mkdir "$WORK/empty"
cd "$WORK/empty"
for name in $(compgen -e); do
  case "$name" in ERBIJ_*) unset "$name" ;; esac
done
EXPECTED="erbij $(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/pyproject.toml")"
VERSION=$("$WORK/venv/bin/erbij" --version)
if [ "$VERSION" != "$EXPECTED" ]; then
  echo "!! erbij --version says '$VERSION', expected '$EXPECTED' (pyproject.toml)." >&2
  exit 1
fi
if ! "$WORK/venv/bin/erbij" demo >"$WORK/demo.log" 2>&1; then
  tail -n 40 "$WORK/demo.log" >&2
  echo "!! erbij demo failed when installed from the wheel (last lines above)." >&2
  exit 1
fi
if [ -n "$(ls -A "$WORK/empty")" ]; then
  echo "!! erbij demo left files in the folder it ran from: $(ls -A "$WORK/empty")" >&2
  exit 1
fi
echo "ok: $(basename "$WHEEL") installs into a fresh venv; $VERSION; erbij demo runs from an empty folder"
