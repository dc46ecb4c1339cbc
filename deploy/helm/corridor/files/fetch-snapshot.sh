#!/bin/sh
# Puts the snapshot at SNAPSHOT_URL on the pod's volume as SNAPSHOT_DIR/SNAPSHOT_FILE, unless the
# volume already holds the file fetched from that URL with that SHA-256 (SNAPSHOT_SHA256, optional).
#
# The download goes to a temporary file beside the final one and is renamed into place only once
# complete and, when a SHA-256 is given, verified: the final path never holds a partial or wrong
# file, and a pod killed halfway leaves at most a `.partial.*` file that the next run removes. A
# marker file records the URL and checksum of the file in place, so a changed URL or checksum
# fetches the new snapshot (which replaces the old one only once it is complete).
set -eu

dest="$SNAPSHOT_DIR/$SNAPSHOT_FILE"
marker="$dest.source"
expected="$(printf '%s' "${SNAPSHOT_SHA256:-}" | tr 'A-F' 'a-f')"
want="$SNAPSHOT_URL $expected"
# The URL without its query, which may hold a signature.
shown="${SNAPSHOT_URL%%\?*}"

if [ -f "$dest" ] && [ -f "$marker" ] && [ "$(cat "$marker")" = "$want" ]; then
  echo "fetch-snapshot: $dest is already the snapshot from $shown"
  exit 0
fi

rm -f "$dest".partial.*
tmp="$(mktemp "$dest.partial.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
echo "fetch-snapshot: downloading $shown"
curl --fail --silent --show-error --location --retry 5 --retry-connrefused \
  --connect-timeout 10 --output "$tmp" "$SNAPSHOT_URL"
if [ ! -s "$tmp" ]; then
  echo "fetch-snapshot: $shown is empty" >&2
  exit 1
fi
if [ -n "$expected" ]; then
  actual="$(sha256sum "$tmp" | cut -d ' ' -f 1)"
  if [ "$actual" != "$expected" ]; then
    echo "fetch-snapshot: $shown has SHA-256 $actual, expected $expected; keeping the volume as it was" >&2
    exit 1
  fi
fi
chmod 0644 "$tmp"
mv -f "$tmp" "$dest"
printf '%s\n' "$want" > "$marker.tmp"
mv -f "$marker.tmp" "$marker"
echo "fetch-snapshot: $dest is in place ($(wc -c < "$dest") bytes)"
