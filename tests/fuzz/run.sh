#!/bin/sh
# Builds each tests/fuzz/fuzz_*.c with clang's libFuzzer (ASan + UBSan) and
# runs it for FUZZ_SECONDS (default 60) from a seed corpus of tests/data.
set -e
cd "$(dirname "$0")/../.."
secs=${FUZZ_SECONDS:-60}
command -v clang >/dev/null || { echo "fuzz: clang is needed (apt-get install clang)" >&2; exit 1; }
san="-fsanitize=fuzzer-no-link,address,undefined"
make --no-print-directory BUILD=build-fuzz CC=clang OPT="-O1 -g" SANFLAGS="$san" build-fuzz/libsanctwatch.a
flags="$(pkg-config --cflags --libs libcurl libevent openssl libxml-2.0 sqlite3 libnotify libutf8proc jansson inih libsystemd)"
for h in "$@"; do
	name=$(basename "$h" .c)
	bin=build-fuzz/$name
	# shellcheck disable=SC2086
	clang -std=c11 -D_GNU_SOURCE -O1 -g -I. -fsanitize=fuzzer,address,undefined \
		-o "$bin" "$h" build-fuzz/libsanctwatch.a $flags -lm
	corpus=build-fuzz/corpus-$name
	mkdir -p "$corpus"
	seeds=tests/fuzz/seeds/${name#fuzz_}
	[ -d "$seeds" ] && cp -n "$seeds"/* "$corpus"/ 2>/dev/null || true
	echo "fuzz: $name for ${secs}s"
	"$bin" -max_total_time="$secs" -max_len=65536 -timeout=10 "$corpus"
done
