#!/usr/bin/env bash
# Benchmark (issues 7 and 18): a full build of the same synthetic report with
# omstil, Hugo and (if installed) Zola, for N = 100, 1,000 and 10,000 prose
# pages, and omstil's time against the I/O floor (reading all its input and
# writing all its output on the same file system, examples/floor.rs).
#
#   bash bench/run.sh [N ...]        default: 100 1000 10000
#
# Environment: RUNS (timed runs per tool, default 5), WARMUP (untimed runs
# first, default 1), HUGO / ZOLA (paths to the binaries; default: found on
# PATH), OMSTIL (an omstil binary to use instead of building
# target/release/omstil), KEEP=1 (keep the generated sites and outputs).
# See bench/README.md.
set -euo pipefail
export LC_ALL=C # '.' as decimal separator in $EPOCHREALTIME, awk and printf

cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(100 1000 10000); fi

die() {
    echo "bench: $*" >&2
    exit 1
}

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$RUNS'"
[[ $WARMUP =~ ^[0-9]+$ ]] || die "WARMUP must be a number, not '$WARMUP'"
for n in "${SIZES[@]}"; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "page counts must be positive numbers, not '$n'"
done
if [ ! -x /usr/bin/time ] || ! /usr/bin/time -f '%e %M' -o /dev/null true 2>/dev/null; then
    die "GNU time is needed at /usr/bin/time (for peak RSS). Install it with: sudo apt-get install time"
fi

# --- tools -------------------------------------------------------------------
echo "bench: building synth and omstil (cargo build --release) ..." >&2
if [ -n "${OMSTIL:-}" ]; then
    cargo build --release --quiet --example synth --example floor
    [ -x "$OMSTIL" ] || die "OMSTIL=$OMSTIL is not an executable"
else
    cargo build --release --quiet --example synth --example floor --bin omstil
    OMSTIL=target/release/omstil
fi
SYNTH=target/release/examples/synth
FLOOR=target/release/examples/floor
HUGO=${HUGO:-$(command -v hugo || true)}
ZOLA=${ZOLA:-$(command -v zola || true)}

TOOLS=(omstil)
if [ -n "$HUGO" ]; then
    [ -x "$HUGO" ] || die "HUGO=$HUGO is not an executable"
    TOOLS+=(hugo)
fi
if [ -n "$ZOLA" ]; then
    [ -x "$ZOLA" ] || die "ZOLA=$ZOLA is not an executable"
    TOOLS+=(zola)
fi

# --- temp dir: tmpfs (/dev/shm) if it has room, else mktemp -d ---------------
max_n=0
for n in "${SIZES[@]}"; do if ((n > max_n)); then max_n=$n; fi; done
# sources + the three outputs: roughly 150 KB per source page, plus slack
need_kb=$((max_n * 150 + 200 * 1024))
if [ -d /dev/shm ] && [ -w /dev/shm ] &&
    (($(df -Pk /dev/shm | awk 'NR == 2 { print $4 }') > need_kb)); then
    BASE=$(mktemp -d /dev/shm/omstil-bench.XXXXXX)
else
    BASE=$(mktemp -d)
fi
if [ "${KEEP:-0}" = 1 ]; then
    trap 'echo "bench: kept $BASE" >&2' EXIT
else
    trap 'rm -rf "$BASE"' EXIT
fi

# --- header ------------------------------------------------------------------
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)
echo "# omstil vs Hugo vs Zola: full build of the same synthetic pages"
echo
echo "- machine: $(nproc) cores, ${cpu:-unknown CPU}, ${mem:-unknown} RAM, $(uname -sr)"
echo "- temp dir: $BASE ($(df -PT "$BASE" | awk 'NR == 2 { print $2 }'))"
echo "- omstil: $("$OMSTIL" --version) (git $(git describe --always --dirty 2>/dev/null || echo unknown))"
[ -n "$HUGO" ] && echo "- hugo: $("$HUGO" version)" || echo "- hugo: not found, skipped (sudo apt-get install hugo, or HUGO=/path)"
[ -n "$ZOLA" ] && echo "- zola: $("$ZOLA" --version)" || echo "- zola: not found, skipped (ZOLA=/path/to/zola)"
echo "- $RUNS timed runs per tool after $WARMUP warm-up run(s), tools interleaved; wall time of the whole process; CPU seconds (user + system) and peak RSS from GNU time (median and max over runs)"
echo "- I/O floor: after each omstil run, \`examples/floor\` reads every file of the report and writes every file omstil wrote into a fresh folder on the same file system, with rayon's pool as the build has (walk + read + mkdir + write timed; the output is read into memory first, untimed); floor ratio = omstil's time / the floor's, per run, median"
echo "- Work floor: the same run of \`examples/floor\` then times, apart from the I/O and in the same pool, Markdown to HTML of every \`.md\` body with pulldown-cmark alone and the search index from every page's \`<article>\` with the build's code (median)"
echo "- load when the runs started: $(uptime | sed 's/.*load average/load average/')"
echo "- commands: \`omstil build REPORT --output OUT --quiet\`," \
    "\`hugo --source SITE --destination OUT --quiet\` and \`zola --root SITE build --output-dir OUT --force\`; every tool builds from clean (OUT deleted before each run, untimed)"

# --- one timed build ----------------------------------------------------------
# run_build TOOL DIR: builds once, appends "seconds peak_rss_kb cpu_seconds"
# to $dir/times.TOOL
run_build() {
    local tool=$1 dir=$2 out="$2/out-$1" t0 t1 rc e rss user sys
    local cmd
    case $tool in
    omstil)
        rm -rf "$out"
        cmd=("$OMSTIL" build "$dir/report" --output "$out" --quiet)
        ;;
    hugo)
        rm -rf "$out"
        cmd=("$HUGO" --source "$dir/hugo" --destination "$out" --quiet)
        ;;
    zola)
        rm -rf "$out"
        cmd=("$ZOLA" --root "$dir/zola" build --output-dir "$out" --force)
        ;;
    esac
    t0=$EPOCHREALTIME
    if /usr/bin/time -f '%e %M %U %S' -o "$dir/time.txt" "${cmd[@]}" >"$dir/log.txt" 2>&1; then
        t1=$EPOCHREALTIME
    else
        rc=$?
        echo >&2
        echo "bench: *** $tool FAILED with exit code $rc ***" >&2
        echo "bench: command: ${cmd[*]}" >&2
        tail -n 40 "$dir/log.txt" >&2
        exit 1
    fi
    read -r e rss user sys <"$dir/time.txt"
    awk -v a="$t0" -v b="$t1" -v rss="$rss" -v u="$user" -v s="$sys" \
        'BEGIN { printf "%.4f %d %.2f\n", b - a, rss, u + s }' >>"$dir/times.$tool"
}

# run_floor DIR: the I/O floor of the omstil build just made; appends
# "floor_seconds omstil_seconds/floor_seconds markdown_seconds
# search_seconds" to $dir/times.floor
run_floor() {
    local dir=$1 line floor t md search
    rm -rf "$dir/floor-scratch"
    line=$("$FLOOR" "$dir/report" "$dir/out-omstil" "$dir/floor-scratch") ||
        die "*** the floor measurement failed (examples/floor) ***"
    read -r _ _ floor _ _ _ _ md search <<<"$line"
    read -r t _ < <(tail -n 1 "$dir/times.omstil")
    awk -v f="$floor" -v t="$t" -v md="$md" -v se="$search" \
        'BEGIN { printf "%.4f %.4f %.4f %.4f\n", f, t / f, md, se }' >>"$dir/times.floor"
}

# median FILE COLUMN
median() {
    sort -n -k "$2,$2" "$1" | awk -v c="$2" '
        { v[NR] = $c }
        END { printf "%.4f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

declare -A PPS MED CPU

# --- per N ------------------------------------------------------------------
for n in "${SIZES[@]}"; do
    dir="$BASE/$n"
    mkdir -p "$dir"
    echo "bench: N=$n: generating the report and the Hugo and Zola sites ..." >&2
    "$SYNTH" --pages "$n" --out "$dir/report" --hugo "$dir/hugo" --zola "$dir/zola" >/dev/null
    for ((r = 0; r < WARMUP + RUNS; r++)); do
        for tool in "${TOOLS[@]}"; do
            run_build "$tool" "$dir"
            if [ "$tool" = omstil ]; then run_floor "$dir"; fi
        done
        if ((r < WARMUP)); then
            for tool in "${TOOLS[@]}" floor; do rm -f "$dir/times.$tool"; done
        fi
        echo "bench: N=$n: run $((r + 1))/$((WARMUP + RUNS)) done" >&2
    done

    echo
    echo "## N = $n source pages ($RUNS runs)"
    echo
    echo "| tool | HTML pages | median s | min–max s | pages/s | CPU s | peak RSS MiB |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    PPS=() MED=() CPU=()
    for tool in "${TOOLS[@]}"; do
        out="$dir/out-$tool"
        pages=0
        [ -d "$out" ] && pages=$(find "$out" -name '*.html' | wc -l)
        # sanity: about N pages, and the last prose page really was rendered
        if ((pages < n || pages > 2 * n + 1000)); then
            die "*** $tool wrote $pages HTML pages for N=$n; expected about $n. See $out (KEEP=1 keeps it) ***"
        fi
        if ! grep -rqF --include='*.html' "Side $((n - 1)): " "$out"; then
            die "*** $tool's output has no page titled 'Side $((n - 1)): ...' ***"
        fi
        read -r med lo hi rss < <(sort -n "$dir/times.$tool" | awk '
            { t[NR] = $1; if ($2 > rss) rss = $2 }
            END {
                med = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
                printf "%.4f %.4f %.4f %d\n", med, t[1], t[NR], rss
            }')
        pps=$(awk -v p="$pages" -v s="$med" 'BEGIN { printf "%.0f", p / s }')
        cpu=$(median "$dir/times.$tool" 3)
        PPS[$tool]=$pps
        MED[$tool]=$med
        CPU[$tool]=$cpu
        awk -v tool="$tool" -v p="$pages" -v med="$med" -v lo="$lo" -v hi="$hi" -v pps="$pps" -v cpu="$cpu" -v rss="$rss" \
            'BEGIN { printf "| %s | %d | %.3f | %.3f–%.3f | %d | %.2f | %.0f |\n", tool, p, med, lo, hi, pps, cpu, rss / 1024 }'
    done
    echo
    awk -v n="$n" -v f="$(median "$dir/times.floor" 1)" -v r="$(median "$dir/times.floor" 2)" -v m="${MED[omstil]}" \
        'BEGIN { printf "- I/O floor (read the %d-page report, write omstil'"'"'s output; same file system, same runs): %.3f s; omstil'"'"'s build takes **%.2f×** the floor (median of the per-run ratios; %.3f s / %.3f s for the medians)\n", n, f, r, m, f }'
    awk -v f="$(median "$dir/times.floor" 1)" -v md="$(median "$dir/times.floor" 3)" -v se="$(median "$dir/times.floor" 4)" \
        'BEGIN { printf "- Work beyond the floor that no build of this site skips (same runs, same pool, apart from the I/O): Markdown to HTML alone (pulldown-cmark, every body, nothing of omstil'"'"'s) %.3f s, the search index alone (the build'"'"'s code) %.3f s; floor + these two = **%.2f×** the floor (a goal of 2× leaves one floor, %.3f s, for all the work)\n", md, se, (f + md + se) / f, f }'
    for tool in "${TOOLS[@]}"; do
        [ "$tool" = omstil ] && continue
        awk -v t="$tool" -v n="$n" -v a="${PPS[omstil]}" -v b="${PPS[$tool]}" -v ma="${MED[omstil]}" -v mb="${MED[$tool]}" \
            -v ca="${CPU[omstil]}" -v cb="${CPU[$tool]}" \
            'BEGIN { printf "- omstil/%s: **%.2f×** the pages/s; for the same %d source pages omstil takes %.3f s, %s %.3f s (%s/omstil time **%.2f×**); CPU seconds omstil %.2f, %s %.2f (%s/omstil CPU **%.2f×**)\n", t, a / b, n, ma, t, mb, t, mb / ma, ca, t, cb, t, cb / (ca > 0 ? ca : 0.01) }'
    done
    [ "${KEEP:-0}" = 1 ] || rm -rf "$dir"
done
