#!/usr/bin/env bash
# Usage: scripts/assemble-standalone.sh DEST — after `next build`, lays out a runnable server in DEST:
# `cd DEST && node server.js`. The container image (Dockerfile) and the standalone smoke test both use it.
# Next's standalone output leaves out the static assets and public/
# (https://nextjs.org/docs/app/api-reference/config/next-config-js/output#automatically-copying-traced-files);
# the store reads its migrations from ./lib/db/migrations at run time (lib/db/store.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
dest=${1:?"usage: $0 DEST"}
if [ ! -f .next/standalone/server.js ]; then
  echo "No .next/standalone/server.js: run 'npm run build' first (next.config.mjs has output: \"standalone\")." >&2
  exit 1
fi
mkdir -p "$dest/.next" "$dest/lib/db"
cp -a .next/standalone/. "$dest/"
rm -rf "$dest/.next/static" "$dest/lib/db/migrations"
cp -a .next/static "$dest/.next/static"
cp -a lib/db/migrations "$dest/lib/db/migrations"
if [ -d public ]; then
  rm -rf "$dest/public"
  cp -a public "$dest/public"
fi
