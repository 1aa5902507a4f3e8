#!/usr/bin/env bash
# The usual way of mirroring an organization, as hand-written scripts do it: for each repository
# `git clone --mirror <source>` then `git push --mirror <target>`, into a fresh directory every time.
# Reads "<source clone URL><TAB><target clone URL>" lines on stdin. JOBS=1 (default): one repository after the other
# (the usual way); JOBS=8: eight at a time (the raw-git floor). Credentials come only from the environment
# (GIT_CONFIG_COUNT/KEY/VALUE with http.<url>.extraHeader), never from argv or URLs.
set -uo pipefail
jobs=${JOBS:-1}
work=$(mktemp -d "${TMPDIR:-/tmp}/naive-mirror-XXXXXX")
trap 'rm -rf "$work"' EXIT

mirror_one() {
  local dir="$work/$1.git"
  git clone --quiet --mirror "$2" "$dir" && git -C "$dir" push --quiet --mirror "$3"
  local status=$?
  rm -rf "$dir"
  return $status
}

failed=0
running=0
index=0
while IFS=$'\t' read -r source target; do
  index=$((index + 1))
  if ((running >= jobs)); then
    wait -n || failed=$((failed + 1))
    running=$((running - 1))
  fi
  mirror_one "$index" "$source" "$target" &
  running=$((running + 1))
done
while ((running > 0)); do
  wait -n || failed=$((failed + 1))
  running=$((running - 1))
done
if ((failed > 0)); then
  echo "naive-mirror: $failed of $index repositories failed" >&2
  exit 1
fi
