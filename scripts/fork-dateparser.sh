#!/usr/bin/env bash
# Rebuilds cleaner/generic/third_party/go-dateparser, unionnews's fork of
# github.com/markusmobius/go-dateparser (BSD-3-Clause), from the upstream
# module: the same code with its tables built on first use instead of in
# package init (see cleaner/generic/third_party/README.md for why).
#
#   scripts/fork-dateparser.sh          rewrite cleaner/generic/third_party/go-dateparser
#   scripts/fork-dateparser.sh -check   exit 1 if the fork differs from
#                                       upstream + this script + the patch
#
# Steps: copy upstream (without its tests and code generators), make every
# init of internal/data a named loader called once from GetLocaleData
# (mechanical), make internal/regexp's methods go through a lazily
# compiled pattern (mechanical), then apply cleaner/generic/third_party/go-dateparser.patch
# (the hand edits: the Regexp type, GetLocaleData, the timezone tables)
# and tidy go.mod. Needs go, sed, patch, diff; downloads the module once.
set -euo pipefail
cd "$(dirname "$0")/.."
ver=v1.2.3
mod=github.com/markusmobius/go-dateparser
dest=cleaner/generic/third_party/go-dateparser

src=$(go mod download -json "$mod@$ver" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$src" ] || { echo "fork-dateparser: go mod download $mod@$ver gave no directory" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/go-dateparser
cp -r "$src" "$out"
chmod -R u+w "$out"
rm -rf "$out/scripts"
find "$out" -name '*_test.go' -delete

# internal/data: func init() in each locale file -> func load_<file>(),
# all called once, in the order Go ran the inits (files sorted by name).
(
  cd "$out/internal/data"
  {
    printf '%s\n' '// unionnews patch: the locale tables were built in ~200 package init' \
      '// functions, run by every program that links go-dateparser. They are now built' \
      '// on the first GetLocaleData call, in the order the init functions ran.' '' \
      'package data' '' 'import "sync"' '' 'var loadOnce sync.Once' '' 'func loadAll() {'
    for f in $(ls ./*.go | sed 's|^\./||' | LC_ALL=C sort); do
      grep -q '^func init() {' "$f" || continue
      n=load_$(basename "$f" .go | tr -c 'A-Za-z0-9\n' '_')
      sed -i "s/^func init() {/func $n() {/" "$f"
      printf '\t%s()\n' "$n"
    done
    printf '}\n'
  } > "$tmp/zz-lazy.go"
  mv "$tmp/zz-lazy.go" zz-lazy.go
)
# internal/regexp: every method reads the compiled pattern through rx().
sed -i 's/re\.rx\./re.rx()./g' "$out/internal/regexp/regexp.go"

patch -s -d "$out" -p1 < cleaner/generic/third_party/go-dateparser.patch
# sync.OnceValue needs go 1.21; tidy drops the code generators' modules.
sed -i 's/^go 1\.20$/go 1.21/' "$out/go.mod"
(cd "$out" && GOFLAGS=-mod=mod go mod tidy)

if [ "${1:-}" = -check ]; then
  if ! diff -r "$out" "$dest" >&2; then
    echo "fork-dateparser: $dest differs from upstream $ver + scripts/fork-dateparser.sh + cleaner/generic/third_party/go-dateparser.patch" >&2
    exit 1
  fi
  echo "fork-dateparser: $dest is upstream $ver + the patch"
  exit 0
fi
rm -rf "$dest"
cp -r "$out" "$dest"
echo "fork-dateparser: wrote $dest from $mod@$ver"
