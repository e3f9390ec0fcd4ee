#!/usr/bin/env bash
# Scaling check (issue 12): `omstil check` on inputs of size N and 4N for
# each case that once was quadratic, and the ratio of the two times. Linear
# code gives a ratio near 4 (less while start-up dominates); a quadratic step
# gives 16. Also prints how much was written to stderr (bounded: at most 50
# messages per file, quoted lines cut around the column).
#
#   bash bench/scale.sh [N]        default N: 50000
#
# Cases (generated in a temporary directory, deleted afterwards):
#   headings  one page with N equal headings `# Samme`
#   links     one page with N links to a hypothesis that does not exist
#   csvrows   a key-figure CSV with N rows whose value is not a number
#   csvcols   a key-figure CSV with N columns, one row of cells that are not numbers
#
# Environment: OMSTIL (an omstil binary to use instead of building
# target/release/omstil). Not part of CI; takes well under a minute after
# the build.
set -euo pipefail
export LC_ALL=C

cd "$(dirname "$0")/.."
N=${1:-50000}
[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "scale: N must be a positive number, not '$N'" >&2; exit 1; }

if [ -n "${OMSTIL:-}" ]; then
    BIN=$OMSTIL
else
    echo "scale: building omstil (cargo build --release) ..." >&2
    cargo build --release --quiet
    BIN=target/release/omstil
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# make_report DIR CASE N
make_report() {
    local d=$1 kind=$2 n=$3
    mkdir -p "$d"
    printf 'kommune: Prøvekommune\ntitel: Prøverapport\nperiode: { fra: 2023, til: 2025 }\n' >"$d/omstil.yaml"
    case $kind in
    headings | links)
        mkdir -p "$d/sider"
        {
            printf -- '---\ntitel: A\n---\n'
            if [ "$kind" = headings ]; then
                awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) print "# Samme\n" }'
            else
                awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) print "Se [x](@hypotese/findes-ikke) her." }'
            fi
        } >"$d/sider/a.md"
        ;;
    csvrows | csvcols)
        mkdir -p "$d/noegletal"
        printf 'noegletal:\n  - { id: a, titel: A, enhed: antal, definition: D, kilde: K, opgoerelse: aar, csv: noegletal/a.csv }\n' >"$d/noegletal.yaml"
        if [ "$kind" = csvrows ]; then
            awk -v n="$n" 'BEGIN { print "aar;A"; for (i = 0; i < n; i++) print 1900 + i % 200 ";x" i }'
        else
            awk -v n="$n" 'BEGIN {
                printf "navn"; for (i = 0; i < n; i++) printf ";2015"; print ""
                printf "A"; for (i = 0; i < n; i++) printf ";xyz"; print "" }'
        fi >"$d/noegletal/a.csv"
        ;;
    esac
}

# seconds CASE N: prints "seconds stderr-bytes"
seconds() {
    local d="$TMP/$1-$2"
    make_report "$d" "$1" "$2"
    local start end
    start=$EPOCHREALTIME
    "$BIN" check "$d" >/dev/null 2>"$d.err" || true
    end=$EPOCHREALTIME
    awk -v s="$start" -v e="$end" -v b="$(wc -c <"$d.err")" 'BEGIN { printf "%.2f %.0f", e - s, b }'
    rm -rf "$d" "$d.err"
}

N4=$((N * 4))
printf '| case | N | s | stderr | 4N | s | stderr | ratio |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|\n'
for kind in headings links csvrows csvcols; do
    read -r t1 b1 <<<"$(seconds "$kind" "$N")"
    read -r t4 b4 <<<"$(seconds "$kind" "$N4")"
    ratio=$(awk -v a="$t1" -v b="$t4" 'BEGIN { if (a > 0) printf "%.1f", b / a; else print "-" }')
    printf '| %s | %d | %s | %s | %d | %s | %s | %s |\n' "$kind" "$N" "$t1" "$b1" "$N4" "$t4" "$b4" "$ratio"
done
