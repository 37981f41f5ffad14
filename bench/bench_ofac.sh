#!/bin/sh
# OFAC SDN CSV parse benchmark on the largest real file available.
cd "$(dirname "$0")/.." || exit 1
f=
for d in ../shared/data /work/shared/data; do
	[ -f "$d/ofac_sdn_csv/jackdwyer/sdn__2024-05-03__a5ec3c5.csv" ] &&
		f=$d/ofac_sdn_csv/jackdwyer/sdn__2024-05-03__a5ec3c5.csv && break
done
if [ -z "$f" ]; then
	t=$(mktemp -d)
	trap 'rm -rf "$t"' EXIT
	f=$t/sdn.csv
	xz -dc tests/data/ofac/sdn__2024-02-23__19efeec.csv.xz >"$f"
fi
./build/bench/bench_ofac "$f"
