#!/usr/bin/env bash
# Benchmarks sfn-ledger against bare baselines on generated histories; prints a Markdown table.
#
# Usage: bench/run.sh [--quick] [--runs N] [--keep DIR] [--instructions]
#
#   --quick     1k and 10k histories only, 1 run each, a ledger of 100 executions for `stats`
#   --runs N    runs per measurement (default 3; the best wall time is kept)
#   --keep DIR  work in DIR and keep the generated files (default: a temporary folder, removed)
#   --instructions  also count instructions (valgrind callgrind) of bare-parse, bare-insert and
#               import on the largest history: slow, but free of the noise of a shared machine
#
# Builds the release binaries, generates histories of 1,000, 10,000 and 25,000 events (AWS CLI
# v1 form, seed 1), and measures for each the wall time and peak memory of `sfn-ledger
# validate`, `report --format json`, `timeline --format html`, `import` into a fresh ledger,
# and of the references: bare-parse (serde_json, 4 fields per event), the Python and jq
# scripts in bench/reference, bare-insert (rusqlite, one transaction). Then it builds a ledger
# of 1,000 generated executions of ~1,000 events (about a million events) and times `stats`.
# Commands the binary does not have yet are reported as "n/a (command missing)".
# Wall time: best of N runs (clock around the process); peak memory: the highest maximum
# resident set size of the N runs (GNU time %M). See docs/performance.md.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sizes=(1000 10000 25000)
runs=3
ledger_executions=1000
ledger_events=1000
keep=""
instructions=0
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) sizes=(1000 10000); runs=1; ledger_executions=100 ;;
        --runs) runs="$2"; shift ;;
        --keep) keep="$2"; shift ;;
        --instructions) instructions=1 ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

if [ ! -x /usr/bin/time ]; then
    echo "GNU time is needed (/usr/bin/time): apt-get install time" >&2
    exit 2
fi

echo "building release binaries..." >&2
(cd "$root" && cargo build --release --locked -q -p sfn-ledger -p sfn-ledger-bench)
target=${CARGO_TARGET_DIR:-$root/target}
bin="$target/release"
sfn="$bin/sfn-ledger"

if [ -n "$keep" ]; then
    work="$keep"
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi

has_command() { "$sfn" "$1" --help >/dev/null 2>&1; }

# measure CMD...: runs it $runs times; sets wall_ms (best), peak_kib (highest), status.
measure() {
    wall_ms=""
    peak_kib=0
    status=ok
    local i start end ms kib rc
    for ((i = 0; i < runs; i++)); do
        [ -n "${before_each:-}" ] && eval "$before_each"
        start=$(date +%s%N)
        rc=0
        /usr/bin/time -f '%M' -o "$work/time.out" "$@" >"$work/cmd.out" 2>"$work/cmd.err" || rc=$?
        end=$(date +%s%N)
        # Exit 1 means findings (validate/report): the command ran fine.
        if [ "$rc" -gt 1 ]; then
            status="error (exit $rc: $(grep -v 'Command exited' "$work/cmd.err" | head -c 120 | tr '\n|' ' /'))"
            return
        fi
        ms=$(( (end - start) / 1000000 ))
        kib=$(tail -1 "$work/time.out")
        if [ -z "$wall_ms" ] || [ "$ms" -lt "$wall_ms" ]; then wall_ms=$ms; fi
        if [ "$kib" -gt "$peak_kib" ]; then peak_kib=$kib; fi
    done
}

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
rate() { awk -v n="$1" -v ms="$2" 'BEGIN { if (ms > 0) printf "%.0f", n * 1000 / ms; else print "-" }'; }

rows=()
targets=()
row() { rows+=("| $1 | $2 | $3 | $4 | $5 | $6 | $7 |"); }

for size in "${sizes[@]}"; do
    file="$work/h-$size.json"
    echo "generating $size events..." >&2
    "$bin/generate" --events "$size" --format v1 --seed 1 >"$file"
    events=$("$bin/bare-parse" "$file")
    bytes=$(stat -c %s "$file")
    file_mib=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
    label="$events ($file_mib MiB)"

    before_each=""
    measure "$bin/bare-parse" "$file"
    base_ms=$wall_ms
    row "bare-parse (baseline)" "$label" "$wall_ms" "$(mib "$peak_kib")" "1.00" "$(ratio "$((peak_kib * 1024))" "$bytes")" ""

    for spec in "validate|validate $file" \
        "report --format json|report --format json $file" \
        "timeline --format html|timeline --format html -o /dev/null $file"; do
        name=${spec%%|*}
        read -r -a args <<<"${spec#*|}"
        if ! has_command "${args[0]}"; then
            row "sfn-ledger $name" "$label" "n/a" "n/a" "n/a" "n/a" "n/a (command missing)"
            [ "$name" = "report --format json" ] && [ "$size" = 25000 ] &&
                targets+=("report --format json on 25k events: n/a (command missing)")
            continue
        fi
        measure "$sfn" "${args[@]}"
        if [ "$status" != ok ]; then
            row "sfn-ledger $name" "$label" "-" "-" "-" "-" "$status"
            continue
        fi
        x=$(ratio "$wall_ms" "$base_ms")
        mem_x=$(ratio "$((peak_kib * 1024))" "$bytes")
        row "sfn-ledger $name" "$label" "$wall_ms" "$(mib "$peak_kib")" "$x" "$mem_x" ""
        if [ "$name" = "report --format json" ] && [ "$size" = 25000 ]; then
            verdict=$(awk -v x="$x" -v m="$mem_x" 'BEGIN { print (x <= 2 && m <= 4) ? "met" : "MISSED" }')
            targets+=("report --format json on 25k events: ${x}x bare parse (target <= 2), peak ${mem_x}x file size (target <= 4): $verdict")
        fi
    done

    measure python3 "$root/bench/reference/state_durations.py" "$file"
    row "python3 state_durations.py" "$label" "$wall_ms" "$(mib "$peak_kib")" "$(ratio "$wall_ms" "$base_ms")" "$(ratio "$((peak_kib * 1024))" "$bytes")" ""
    measure jq -r -f "$root/bench/reference/state_durations.jq" "$file"
    row "jq -f state_durations.jq" "$label" "$wall_ms" "$(mib "$peak_kib")" "$(ratio "$wall_ms" "$base_ms")" "$(ratio "$((peak_kib * 1024))" "$bytes")" ""

    db="$work/bare.sqlite3"
    before_each="rm -f '$db' '$db-wal' '$db-shm'"
    measure "$bin/bare-insert" "$file" "$db"
    bare_rate=$(rate "$events" "$wall_ms")
    row "bare-insert (baseline)" "$label" "$wall_ms" "$(mib "$peak_kib")" "$(ratio "$wall_ms" "$base_ms")" "$(ratio "$((peak_kib * 1024))" "$bytes")" "$bare_rate events/s"

    measure "$bin/bare-insert" "$file" "$db" --ledger-schema
    schema_rate=$(rate "$events" "$wall_ms")
    row "bare-insert --ledger-schema" "$label" "$wall_ms" "$(mib "$peak_kib")" "$(ratio "$wall_ms" "$base_ms")" "$(ratio "$((peak_kib * 1024))" "$bytes")" "$schema_rate events/s (rowid table, unique (execution, id))"

    db="$work/ledger.sqlite3"
    before_each="rm -f '$db' '$db-wal' '$db-shm'"
    measure "$sfn" import --db "$db" "$file"
    before_each=""
    if [ "$status" != ok ]; then
        row "sfn-ledger import" "$label" "-" "-" "-" "-" "$status"
    else
        import_rate=$(rate "$events" "$wall_ms")
        share=$(awk -v a="$import_rate" -v b="$bare_rate" 'BEGIN { printf "%.0f", 100 * a / b }')
        share2=$(awk -v a="$import_rate" -v b="$schema_rate" 'BEGIN { printf "%.0f", 100 * a / b }')
        row "sfn-ledger import" "$label" "$wall_ms" "$(mib "$peak_kib")" "$(ratio "$wall_ms" "$base_ms")" "$(ratio "$((peak_kib * 1024))" "$bytes")" "$import_rate events/s = $share% of bare-insert, $share2% of --ledger-schema"
        verdict=$(awk -v s="$share" 'BEGIN { print (s >= 70) ? "met" : "MISSED" }')
        targets+=("import of $events events: $share% of the bare-insert rate (target >= 70%): $verdict")
    fi
done

# Instruction counts: deterministic, unlike wall time on a shared machine.
irows=()
if [ "$instructions" = 1 ]; then
    file="$work/h-${sizes[-1]}.json"
    db="$work/cg.sqlite3"
    count_ir() {
        rm -f "$db" "$db-wal" "$db-shm"
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
            awk '/Collected/ { print $4 }'
    }
    echo "counting instructions (callgrind)..." >&2
    ir_parse=$(count_ir "$bin/bare-parse" "$file")
    ir_bare=$(count_ir "$bin/bare-insert" "$file" "$db")
    ir_schema=$(count_ir "$bin/bare-insert" "$file" "$db" --ledger-schema)
    ir_import=$(count_ir "$sfn" import --db "$db" "$file")
    irow() { irows+=("| $1 | $2 | $(ratio "$2" "$ir_parse") | $(ratio "$ir_bare" "$2") |"); }
    irow "bare-parse" "$ir_parse"
    irow "bare-insert" "$ir_bare"
    irow "bare-insert --ledger-schema" "$ir_schema"
    irow "sfn-ledger import" "$ir_import"
    if has_command report; then
        irow "sfn-ledger report --format json" "$(count_ir "$sfn" report --format json "$file")"
    fi
fi

# stats over a ledger of many executions.
echo "building a ledger of $ledger_executions executions of ~$ledger_events events..." >&2
src="$work/ledger-src"
db="$work/big.sqlite3"
rm -rf "$src" "$db" "$db-wal" "$db-shm"
start=$(date +%s%N)
"$bin/generate" --events "$ledger_events" --format v1 --compact --seed 1000 \
    --count "$ledger_executions" --out-dir "$src"
gen_ms=$(( ($(date +%s%N) - start) / 1000000 ))
start=$(date +%s%N)
# 100 files per import call keeps memory bounded (import reads all its files first).
find "$src" -name '*.json' -print0 | sort -z | xargs -0 -n 100 "$sfn" import --db "$db" >/dev/null
import_ms=$(( ($(date +%s%N) - start) / 1000000 ))
stored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from events').fetchone()[0])" "$db")
db_mib=$(awk -v b="$(stat -c %s "$db")" 'BEGIN { printf "%.0f", b / 1048576 }')
ledger_label="$stored events in $ledger_executions executions ($db_mib MiB ledger)"
if has_command stats; then
    measure "$sfn" stats --db "$db" --state-machine imported
    if [ "$status" != ok ]; then
        row "sfn-ledger stats" "$ledger_label" "-" "-" "-" "-" "$status"
    else
        row "sfn-ledger stats" "$ledger_label" "$wall_ms" "$(mib "$peak_kib")" "-" "-" ""
        verdict=$( [ "$wall_ms" -lt 1000 ] && echo met || echo MISSED )
        targets+=("stats over $stored stored events: $wall_ms ms (target < 1000 ms): $verdict")
    fi
else
    row "sfn-ledger stats" "$ledger_label" "n/a" "n/a" "-" "-" "n/a (command missing)"
    targets+=("stats over $stored stored events: n/a (command missing)")
fi

echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr); $(date -u +%Y-%m-%dT%H:%MZ)"
echo "Wall: best of $runs run(s); peak: highest max RSS of the runs. Histories: generate --format v1 --seed 1."
echo
echo "| command | events (file) | wall ms | peak MiB | × bare parse | peak / file | notes |"
echo "|---|---|---:|---:|---:|---:|---|"
printf '%s\n' "${rows[@]}"
echo
if [ ${#irows[@]} -gt 0 ]; then
    echo "Instructions (callgrind) on the ${sizes[-1]}-event history; the last column is the rate"
    echo "relative to bare-insert if time followed instructions:"
    echo
    echo "| command | instructions | × bare parse | bare-insert / this |"
    echo "|---|---:|---:|---:|"
    printf '%s\n' "${irows[@]}"
    echo
fi
echo "Ledger for stats: generated in $gen_ms ms, imported (100 files per call) in $import_ms ms."
echo
echo "Targets (ratios from this run):"
printf -- '- %s\n' "${targets[@]}"
