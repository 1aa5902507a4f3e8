#!/usr/bin/env bash
# The bundle is the product: rebuild it and fail when it differs from the committed dist/ (typescript-action's check-dist).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build
if ! git diff --quiet --exit-code -- dist/ || [ -n "$(git status --porcelain -- dist/)" ]; then
  echo "dist/ is stale: run 'npm run build' and commit dist/" >&2
  git status --short -- dist/ >&2
  exit 1
fi
echo "dist/ is what the sources build"
