#!/usr/bin/env bash
# Set-up for a real JupyterHub (`make hub`, tests/hub): the hub's Python packages come with the
# toolkit (the `hub` extra, installed by scripts/setup.sh); this adds the proxy,
# configurable-http-proxy, from npm into .hub/ (gitignored) at the version locked in
# deploy/proxy/. Quick when nothing changed. Without npm it says what to install and exits 0,
# so `make test` still runs (tests/hub then skip, saying why); `make hub` checks for the proxy.
set -euo pipefail
cd "$(dirname "$0")/.."

PREFIX=.hub
PROXY="$PREFIX/node_modules/.bin/configurable-http-proxy"
stamp="$PREFIX/.setup-stamp"
want="$(cat deploy/proxy/package.json deploy/proxy/package-lock.json | sha256sum | cut -d' ' -f1)"
if [ -x "$PROXY" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && ! command -v node >/dev/null 2>&1; then
        echo "setup-hub: installing Debian nodejs and npm for the JupyterHub proxy"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null || true
    fi
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "setup-hub: npm is missing, so the JupyterHub proxy is not installed (make hub and" >&2
    echo "  tests/hub need it); install Node.js 20+ with npm, e.g. apt-get install nodejs npm" >&2
    exit 0
fi
echo "setup-hub: installing configurable-http-proxy into $PREFIX/ (npm ci, deploy/proxy/package-lock.json)"
mkdir -p "$PREFIX"
cp deploy/proxy/package.json deploy/proxy/package-lock.json "$PREFIX/"
npm ci --prefix "$PREFIX" --no-audit --no-fund --loglevel=error >/dev/null
"$PROXY" --version >/dev/null
echo "$want" > "$stamp"
