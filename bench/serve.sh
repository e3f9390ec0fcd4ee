#!/usr/bin/env bash
# Benchmark (issue 18): save → new content served over HTTP by the live
# preview, for `omstil serve`, `zola serve --fast` and `hugo server` side by
# side on the same synthetic pages, and for omstil on the bundled example.
#
#   bash bench/serve.sh [SIZE ...]     default: example 1000 10000
#
# SIZE is a number of synthetic pages (examples/synth.rs) or `example` (a
# copy of content/, omstil only). Environment: RUNS (saves per edit, default
# 20), TIMEOUT (seconds a save may take to show, default 60), OMSTIL (an
# omstil binary to use instead of building target/release/omstil), ZOLA /
# HUGO (binaries; default: found on PATH; a missing one is skipped with a
# note), OMSTIL_DEBOUNCE (ms; default: read from src/serve/watch.rs, for the
# header and for Zola's --debounce), KEEP=1 (keep the sites and logs).
# See bench/SERVE.md.
set -euo pipefail
export LC_ALL=C

cd "$(dirname "$0")/.."

RUNS=${RUNS:-20}
TIMEOUT=${TIMEOUT:-60}
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(example 1000 10000); fi

die() {
    echo "bench: $*" >&2
    exit 1
}
note() { echo "bench: $*" >&2; }

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$RUNS'"
[[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "TIMEOUT must be a positive number of seconds, not '$TIMEOUT'"
for n in "${SIZES[@]}"; do
    [[ $n == example || $n =~ ^[1-9][0-9]*$ ]] || die "sizes are page counts or 'example', not '$n'"
done

# --- tools -------------------------------------------------------------------
note "building synth, serve_bench and omstil (cargo build --release) ..."
if [ -n "${OMSTIL:-}" ]; then
    cargo build --release --quiet --example synth --example serve_bench
    [ -x "$OMSTIL" ] || die "OMSTIL=$OMSTIL is not an executable"
else
    cargo build --release --quiet --example synth --example serve_bench --bin omstil
    OMSTIL=target/release/omstil
fi
SYNTH=target/release/examples/synth
CLIENT=target/release/examples/serve_bench

# find_tool NAME VALUE: prints the binary, or nothing (with a note) if missing
find_tool() {
    local name=$1 given=$2 var
    var=$(echo "$name" | tr a-z A-Z)
    if [ -n "$given" ]; then
        if [ -x "$given" ]; then
            echo "$given"
        else
            note "*** $var=$given is not an executable: $name is skipped ***"
        fi
    elif command -v "$name" >/dev/null; then
        command -v "$name"
    else
        note "*** $name not found on PATH: $name is skipped (set $var=/path/to/$name) ***"
    fi
}
ZOLA=$(find_tool zola "${ZOLA:-}")
HUGO=$(find_tool hugo "${HUGO:-}")

# omstil's debounce (src/serve/watch.rs) and Zola's, set equal to it.
if [ -z "${OMSTIL_DEBOUNCE:-}" ]; then
    OMSTIL_DEBOUNCE=$(sed -n 's/.*const DEBOUNCE: Duration = Duration::from_millis(\([0-9]*\)).*/\1/p' src/serve/watch.rs)
fi
[[ ${OMSTIL_DEBOUNCE:-} =~ ^[1-9][0-9]*$ ]] || die "cannot read omstil's debounce from src/serve/watch.rs; set OMSTIL_DEBOUNCE=ms"

# --- temp dir: tmpfs (/dev/shm) if it has room, else mktemp -d ---------------
max_n=0
for n in "${SIZES[@]}"; do if [[ $n != example ]] && ((n > max_n)); then max_n=$n; fi; done
need_kb=$((max_n * 40 + 200 * 1024)) # three sources, Zola's static copy, logs
if [ -d /dev/shm ] && [ -w /dev/shm ] &&
    (($(df -Pk /dev/shm | awk 'NR == 2 { print $4 }') > need_kb)); then
    BASE=$(mktemp -d /dev/shm/omstil-serve.XXXXXX)
else
    BASE=$(mktemp -d)
fi
PIDS=()
stop_servers() {
    local p
    for p in "${PIDS[@]}"; do
        kill "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    PIDS=()
}
cleanup() {
    stop_servers
    if [ "${KEEP:-0}" = 1 ]; then note "kept $BASE"; else rm -rf "$BASE"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- header ------------------------------------------------------------------
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)
echo "# Save → served: omstil serve vs zola serve --fast vs hugo server"
echo
echo "- machine: $(nproc) cores, ${cpu:-unknown CPU}, ${mem:-unknown} RAM, $(uname -sr)"
echo "- load at start: $(uptime)"
echo "- temp dir: $BASE ($(df -PT "$BASE" | awk 'NR == 2 { print $2 }'))"
echo "- omstil: $("$OMSTIL" --version) ($OMSTIL; this tree: git $(git describe --always --dirty 2>/dev/null || echo unknown)); debounce ${OMSTIL_DEBOUNCE} ms"
if [ -n "$ZOLA" ]; then
    echo "- zola: $("$ZOLA" --version) ($ZOLA); \`serve --fast --debounce $OMSTIL_DEBOUNCE\` (Zola's default debounce is 1000 ms)"
else
    echo "- zola: not found, skipped (ZOLA=/path/to/zola)"
fi
if [ -n "$HUGO" ]; then
    echo "- hugo: $("$HUGO" version) ($HUGO); \`server\` (in memory, fast render); its watcher hands on changes on a fixed 500 ms tick, which no flag sets"
else
    echo "- hugo: not found, skipped (sudo apt-get install hugo, or HUGO=/path)"
fi
echo "- $RUNS saves per edit; the servers run side by side and the client takes turns between them, 300–800 ms apart and each save only once every server has been idle (no CPU time) for 100 ms; one sample = from just before the write to the end of the first HTTP answer that has the new text (polled every 5 ms)"

# --- per size ------------------------------------------------------------------
# start TOOL DIR: starts a server on a free port; appends to TARGETS on success
TARGETS=()
ROWS=()
start() {
    local tool=$1 dir=$2 port pid url log="$2/$1.log"
    port=$("$CLIENT" port)
    case $tool in
    omstil) "$OMSTIL" --quiet serve "$dir/report" --port "$port" >"$log" 2>&1 &
        ;;
    zola) "$ZOLA" --root "$dir/zola" serve --fast --debounce "$OMSTIL_DEBOUNCE" \
        --interface 127.0.0.1 --port "$port" --output-dir "$dir/zola-public" >"$log" 2>&1 &
        ;;
    hugo) "$HUGO" server --source "$dir/hugo" --bind 127.0.0.1 --port "$port" >"$log" 2>&1 &
        ;;
    esac
    pid=$!
    PIDS+=("$pid")
    eval "PORT_$tool=$port PID_$tool=$pid"
}

# ready TOOL DIR PATH: waits for the server; on failure shows its log, returns 1
ready() {
    local tool=$1 dir=$2 path=$3 port pid
    eval "port=\$PORT_$tool pid=\$PID_$tool"
    if "$CLIENT" wait --url "http://127.0.0.1:$port$path" --pid "$pid" --timeout 900; then
        return 0
    fi
    note "*** $tool did not start; it is skipped at this size. The end of its log: ***"
    tail -n 20 "$dir/$tool.log" >&2
    kill "$pid" 2>/dev/null || true
    return 1
}

# target LABEL TOOL PATH FILE [AFTER]
target() {
    local label=$1 tool=$2 path=$3 file=$4 port pid
    eval "port=\$PORT_$tool pid=\$PID_$tool"
    TARGETS+=(--label "$label" --url "http://127.0.0.1:$port$path" --file "$file" --pid "$pid")
    [ $# -ge 5 ] && TARGETS+=(--after "$5")
    return 0
}

# own_ms TOOL LOG: the median rebuild time the server itself printed, or "–"
# (Hugo: "Total in N ms" per rebuild; Zola: "Done in Nms." or "Done in N.Ns.",
# the first being its initial build; omstil prints none)
own_ms() {
    local lines
    case $1 in
    hugo) lines=$(sed -n 's/^Total in \([0-9.]*\) ms$/\1/p' "$2") ;;
    zola) lines=$(sed -n -e 's/^Done in \([0-9.]*\)ms\.$/\1/p' -e 's/^Done in \([0-9.]*\)s\.$/\1 s/p' "$2" |
        tail -n +2 | awk '{ print ($2 == "s") ? $1 * 1000 : $1 }') ;;
    *) lines= ;;
    esac
    if [ -z "$lines" ]; then
        echo "–"
    else
        echo "$lines" | sort -n | awk '{ t[NR] = $1 } END { printf "%.0f\n", t[int((NR + 1) / 2)] }'
    fi
}

for n in "${SIZES[@]}"; do
    dir="$BASE/$n"
    mkdir -p "$dir"
    TARGETS=()
    if [ "$n" = example ]; then
        cp -r content "$dir/report"
        start omstil "$dir"
        if ready omstil "$dir" /sider/metode.html; then
            target "omstil|page" omstil /sider/metode.html "$dir/report/sider/metode.md"
            target "omstil|part YAML" omstil /hypoteser/lavere-sagstal-giver-tid.html \
                "$dir/report/modenhedsanalyse.yaml" 'titel: "Lavere sagstal '
        fi
    else
        note "N=$n: generating the report and the Hugo and Zola sites ..."
        "$SYNTH" --pages "$n" --out "$dir/report" --hugo "$dir/hugo" --zola "$dir/zola" >/dev/null
        k=$((n / 2))
        tools=(omstil)
        [ -n "$ZOLA" ] && tools+=(zola)
        [ -n "$HUGO" ] && tools+=(hugo)
        for tool in "${tools[@]}"; do start "$tool" "$dir"; done
        note "N=$n: waiting for the servers' first builds ..."
        if ready omstil "$dir" "/sider/side-$k.html"; then
            target "omstil|page" omstil "/sider/side-$k.html" "$dir/report/sider/side-$k.md"
            target "omstil|part YAML" omstil /hypoteser/h0.html \
                "$dir/report/modenhedsanalyse.yaml" 'id: h0, titel: "'
        fi
        if [ -n "$ZOLA" ] && ready zola "$dir" "/sider/side-$k/"; then
            target "zola|page" zola "/sider/side-$k/" "$dir/zola/content/sider/side-$k.md"
        fi
        if [ -n "$HUGO" ] && ready hugo "$dir" "/sider/side-$k/"; then
            target "hugo|page" hugo "/sider/side-$k/" "$dir/hugo/content/sider/side-$k.md"
        fi
    fi
    if [ ${#TARGETS[@]} -eq 0 ]; then
        note "N=$n: no server started; nothing to measure"
        stop_servers
        continue
    fi
    note "N=$n: $RUNS saves per edit ..."
    "$CLIENT" run --runs "$RUNS" --timeout "$TIMEOUT" "${TARGETS[@]}" >"$dir/result.txt" ||
        die "the client failed at N=$n (see above)"
    stop_servers
    while IFS=$'\t' read -r kind label runs med p90 lo hi polls cpu bg; do
        tool=${label%%|*} edit=${label#*|}
        case $tool in
        omstil) deb="${OMSTIL_DEBOUNCE} ms" ;;
        zola) deb="${OMSTIL_DEBOUNCE} ms (--debounce)" ;;
        hugo) deb="500 ms tick" ;;
        esac
        pages=$n
        [ "$n" = example ] && pages="example"
        if [ "$kind" = RESULT ]; then
            ROWS+=("| $tool | $pages | $edit | $deb | $med | $p90 | $lo–$hi | $cpu | $bg | $(own_ms "$tool" "$dir/$tool.log") |")
        else
            ROWS+=("| $tool | $pages | $edit | $deb | FAILED: $runs | | | | | |")
            note "*** $tool ($edit) at N=$n FAILED: $runs; the end of its log: ***"
            tail -n 20 "$dir/$tool.log" >&2
        fi
    done <"$dir/result.txt"
    [ "${KEEP:-0}" = 1 ] || rm -rf "$dir"
done

echo
echo "| tool | pages | edit | debounce | median ms | p90 ms | min–max ms | server CPU ms | background CPU ms | own rebuild ms |"
echo "|---|---:|---|---|---:|---:|---:|---:|---:|---:|"
for r in "${ROWS[@]}"; do echo "$r"; done
echo
echo "- load at end: $(uptime)"
echo "- server CPU ms: the mean CPU time (user + system, all threads) the server used from the write to the served answer (10 ms clock ticks); a loaded machine stretches it far less than the wall time; background CPU ms: the mean CPU time it used after the answer until idle (each save waits until every server has been idle for 100 ms)"
echo "- own rebuild ms: the median of the rebuild times the server printed itself (Hugo's \"Total in\", Zola's \"Done in\"); omstil prints none"
