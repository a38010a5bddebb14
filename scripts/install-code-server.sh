#!/usr/bin/env bash
# Installs pinned code-servers (VS Code's server + web workbench) under .vscode-test/ from the npm registry only: the
# real VS Codes our end-to-end tests and `npm start` run the extension in. Idempotent.
#   4.100.3 (VS Code 1.100.3) in .vscode-test/code-server: the last code-server whose engines.node is 20
#           (keep engines.vscode <= ^1.100.0);
#   4.93.1  (VS Code 1.93.1) in .vscode-test/code-server-4.93.1: the oldest VS Code the manifest allows (engines.vscode
#           ^1.93.0) that npm has a code-server for (none for 1.91 or 1.92).
# Needs Node 20, python3, make, g++ and the Debian packages ripgrep and libkrb5-dev (chromium for the tests).
set -euo pipefail
cd "$(dirname "$0")/.."
for CODE_SERVER_VERSION in 4.100.3 4.93.1; do
case "$CODE_SERVER_VERSION" in
  4.100.3) DEST=.vscode-test/code-server; RIPGREP_PKG_VERSION=1.15.11 ;;   # the @vscode/ripgrep its VS Code pins
  4.93.1) DEST=.vscode-test/code-server-4.93.1; RIPGREP_PKG_VERSION=1.15.9 ;;
esac
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
if [ -x "$DEST/node_modules/.bin/code-server" ] && [ -f "$DEST/.installed-$CODE_SERVER_VERSION" ]; then
  echo "code-server $CODE_SERVER_VERSION already installed in $DEST"; continue
fi
[ "$(node -p 'process.versions.node.split(".")[0]')" = 20 ] || { echo "code-server $CODE_SERVER_VERSION needs Node 20 (have $(node -v))" >&2; exit 1; }
command -v rg >/dev/null || { echo "missing rg: apt-get install -y ripgrep" >&2; exit 1; }
[ -f /usr/include/gssapi/gssapi.h ] || { echo "missing gssapi headers: apt-get install -y libkrb5-dev" >&2; exit 1; }

rm -rf "$DEST"; mkdir -p "$DEST"
# @vscode/ripgrep's postinstall would download rg from the internet unless it finds this archive in its cache: seed it.
SEED_TMP="$(pwd)/.vscode-test/tmp"
mkdir -p "$SEED_TMP/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION" "$SEED_TMP/rgstage"
cp "$(command -v rg)" "$SEED_TMP/rgstage/rg"
tar czf "$SEED_TMP/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION/$RIPGREP_ASSET" -C "$SEED_TMP/rgstage" rg
echo '{"private":true}' > "$DEST/package.json"
# unsafe_perm: code-server's postinstall refuses to run as root without it; yes: node-pty's postinstall runs npx.
TMPDIR="$SEED_TMP" npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --prefix "$DEST" --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >/dev/null
test -x "$DEST/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
touch "$DEST/.installed-$CODE_SERVER_VERSION"
rm -rf "$SEED_TMP"
echo "installed code-server $CODE_SERVER_VERSION in $DEST"
done
