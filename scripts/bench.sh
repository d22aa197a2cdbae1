#!/usr/bin/env bash
# scripts/bench.sh [N] — the figures of BENCHMARKS.md, measured in one run.
#
#   N   articles for the ingest and reclean figures (default 10000; the
#       issue's figures use 100000). The per-article Put baseline and the
#       serial reclean are measured on min(N, 1000) articles on top of a
#       store already holding N (UNIONNEWS_BENCH_PREFILL), because at
#       ~60-100 articles/s a full baseline run of 100k takes half an hour.
#
# Output: bench-out/ (override with BENCH_OUT): raw `go test -bench`
# output per step, strace syscall counts, and summary.txt. Needs Go,
# strace (fsync counts; skipped when missing) and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
S=$(( N < 1000 ? N : 1000 ))
OUT=${BENCH_OUT:-bench-out}
rm -rf "$OUT"; mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
sum() { echo "$*" | tee -a "$OUT/summary.txt"; }

sum "== machine"
sum "date: $(date -u +%FT%TZ)  commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
sum "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
sum "mem: $(free -g | awk '/Mem:/{print $2" GiB"}')  load: $(cut -d' ' -f1-3 /proc/loadavg)  go: $(go version | cut -d' ' -f3)"
sum "disk: $(df -h . | awk 'NR==2{print $1", "$4" free"}')  fsync 4k (dd oflag=dsync, 200x): $(dd if=/dev/zero of="$OUT/dd" bs=4k count=200 oflag=dsync 2>&1 | tail -1 | awk -F, '{print $NF}')"
rm -f "$OUT/dd"

bench() { # name package bench-regexp benchtime [env...]
	local name=$1 pkg=$2 re=$3 bt=$4; shift 4
	env "$@" go test "$pkg" -run '^$' -bench "$re" -benchtime "$bt" -count 1 -timeout 2h | tee "$OUT/$name.txt" | grep -E '^Benchmark' || true
}

sum "== store ingest ($N articles through the batch writer; Put: $S articles on top of $N)"
bench ingest-writer ./store 'IngestWriter$' "${N}x" UNIONNEWS_BENCH_DIR="$OUT/store100k" | tee -a "$OUT/summary.txt"
bench ingest-put ./store 'IngestPut$' "${S}x" UNIONNEWS_BENCH_PREFILL="$N" | tee -a "$OUT/summary.txt"

sum "== export of the $N-article store (jsonl, csv, parquet) vs cat of the same JSON Lines bytes"
bench export ./store/export 'ExportVsCat' 3x UNIONNEWS_BENCH_STORE="$OUT/store100k" | tee -a "$OUT/summary.txt"

if command -v strace >/dev/null; then
	sum "== fsync-type calls per article (strace -f -c, $S articles into an empty store)"
	go test -c -o "$OUT/store.test" ./store
	for b in IngestPut IngestWriter; do
		strace -f -c -e trace=fsync,fdatasync,syncfs -o "$OUT/strace-$b.txt" \
			"$OUT/store.test" -test.run '^$' -test.bench "^Benchmark$b\$" -test.benchtime "${S}x" >/dev/null
		calls=$(awk '$NF ~ /^(fsync|fdatasync|syncfs)$/ {n += $4} END {print n+0}' "$OUT/strace-$b.txt")
		sum "$b: $calls calls / $S articles = $(awk -v c="$calls" -v n="$S" 'BEGIN{printf "%.3f", c/n}') per article"
	done
else
	sum "strace missing: fsync counts skipped"
fi

sum "== reclean (archive of generated pages; serial: $S pages, parallel and dry-run: $N pages)"
bench reclean-serial ./cmd/internal/wire 'Reclean/serial' "${S}x" | tee -a "$OUT/summary.txt"
bench reclean-parallel ./cmd/internal/wire 'Reclean/parallel' "${N}x" | tee -a "$OUT/summary.txt"
bench reclean-dry ./cmd/internal/wire 'Reclean/dry' "${N}x" | tee -a "$OUT/summary.txt"

sum "== crawl of the loopback replica, politeness off (61 articles a run)"
bench bare-colly ./crawler 'BareColly' 20x | tee -a "$OUT/summary.txt"
bench crawl-pipeline ./cmd/internal/wire 'CrawlPipeline' 5x | tee -a "$OUT/summary.txt"

sum "== second crawl of an unchanged replica (fraction of the first run)"
bench recrawl ./cmd/internal/wire 'Recrawl' 1x | tee -a "$OUT/summary.txt"

sum "== start-up (mean of 20 runs: wall ms, max RSS KiB; peer: the smallest Go program)"
go build -o "$OUT/unionnews" ./cmd/unionnews
printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n' > "$OUT/hello.go"
go build -o "$OUT/hello" "$OUT/hello.go"
startup() { # label binary args...
	local label=$1 bin=$2; shift 2
	local t0 t1 rss=0 r
	t0=$(date +%s%N)
	for _ in $(seq 20); do
		/usr/bin/time -f '%M' -o "$OUT/rss" "$bin" "$@" >/dev/null 2>&1 || true
		r=$(tail -1 "$OUT/rss")
		(( r > rss )) && rss=$r
	done
	t1=$(date +%s%N)
	sum "$label: $(( (t1 - t0) / 20000000 )) ms, $rss KiB"
}
startup "hello-world Go" "$OUT/hello"
startup "unionnews version" "$OUT/unionnews" version
startup "unionnews stats ($N articles)" "$OUT/unionnews" stats -data "$OUT/store100k"
bench startup ./cmd/unionnews 'Startup' 40x | tee -a "$OUT/summary.txt"
sum "== cleaner vs peers: parse-only, unionnews, go-trafilatura, go-readability (F1, pages/s; sites, scrapinghub, real)"
bench peers ./cleaner 'Peers' 1x | tee -a "$OUT/summary.txt"
sum "done: $OUT/summary.txt"
