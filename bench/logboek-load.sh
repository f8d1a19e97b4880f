#!/usr/bin/env bash
# Figures for shipping decision records to the organisation's Logboek over OTLP/gRPC (issue #25, docs/performance.md);
# not run in CI. Every host here records to a fresh SQLite store and, with shipping on, ships to bench's otlp-sink (a
# receiver that acknowledges and counts). Load comes from the project's .NET gRPC client (bench command grpc-load):
#   1. shipping throughput: a store filled by audit-write (20 s, 256 callers), then a host started on it ships it all;
#      records/s from the sink's first acknowledged export to its last
#   2. the host's decisions/s with shipping off and on, alternated twice, SECONDS each, CLIENTS callers
#   3. drain time: under the same load, the Logboek down for OUTAGE seconds, then back: the time until it has
#      acknowledged every record made before it came back (the load goes on meanwhile)
# Usage: bash bench/logboek-load.sh [seconds=30] [clients=16] [outage=60]     (STEPS="1 3" runs only those)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
clients=${2:-16}
outage=${3:-60}
out=$PWD/artifacts/logboek
rm -rf "$out"
mkdir -p "$out"
bench=bench/EligibilityEngine.Benchmarks/bin/Release/net10.0/EligibilityEngine.Benchmarks.dll
dotnet build -c Release bench/EligibilityEngine.Benchmarks -v q -nologo > /dev/null   # builds the host too
sink_port=5401
port=5402
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

sink_up() {
  dotnet $bench otlp-sink $sink_port > "$out/sink-$1.log" 2>&1 &
  sink_pid=$!
  pids+=($sink_pid)
  until grep -qs listening "$out/sink-$1.log"; do sleep 0.1; done
}
host_up() { # STORE [settings…]: waits until the engine is ready for every version
  local store=$1
  shift
  dotnet host/bin/Release/net10.0/EligibilityEngine.Host.dll --Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:$port \
    --Kestrel:Endpoints:Json:Url=http://127.0.0.1:$((port + 1)) --Logging:LogLevel:Default=Warning \
    --Logging:LogLevel:EligibilityEngine.Host.RuleLibraryHolder=Information --Security:RateLimit:PermitsPerSecond=1000000 \
    --Security:RateLimit:Burst=1000000 --Audit:Store="$store" "$@" > "$out/host.log" 2>&1 &
  host_pid=$!
  pids+=($host_pid)
  until grep -qs "ready for .* versions" "$out/host.log"; do sleep 0.2; done
}
down() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
acknowledged() { sqlite3 "$1" "SELECT COALESCE(MAX(acknowledged_position), 0) FROM logboek_shipping"; }
last_position() { sqlite3 "$1" "SELECT COALESCE(MAX(chain_position), 0) FROM decision_records"; }
load() { dotnet $bench grpc-load http://127.0.0.1:$port "$1" "$clients" | head -1; }
shipping=(--Audit:Logboek:Endpoint=http://127.0.0.1:$sink_port --Audit:ProcessingActivityId=https://register.example.nl/verwerkingen/beschut-werk/1)
steps=" ${STEPS:-1 2 3} "

if [[ $steps == *" 1 "* ]]; then
echo "== 1. shipping throughput"
store=$out/ship.db
dotnet $bench audit-write "$store" 20 256
n=$(last_position "$store")
sink_up ship
host_up "$store" "${shipping[@]}"
until [ "$(acknowledged "$store")" -ge "$n" ]; do sleep 0.1; done
awk -v n="$n" 'NF == 3 && $2 > 0 && !t0 { t0 = $1; s0 = $2 } NF == 3 && $2 >= n && !t1 { t1 = $1 }
  END { printf "shipped %d records; %d in %.1f s after the first acknowledged export: %.0f records/s\n", n, n - s0, (t1 - t0) / 1000, (n - s0) / ((t1 - t0) / 1000) }' \
  "$out/sink-ship.log"
down $host_pid
down $sink_pid
fi

if [[ $steps == *" 2 "* ]]; then
echo "== 2. decisions/s, shipping off and on ($seconds s each, $clients callers)"
for round in 1 2; do
  for mode in off on; do
    store=$out/load-$mode-$round.db
    if [ $mode = on ]; then sink_up "load-$round"; host_up "$store" "${shipping[@]}"; else host_up "$store"; fi
    result=$(load "$seconds")
    made=$(last_position "$store")
    sleep 1
    if [ $mode = on ]; then backlog="; backlog 1 s after the load: $((made - $(acknowledged "$store")))"; else backlog=""; fi
    echo "shipping $mode: $result$backlog"
    down $host_pid
    if [ $mode = on ]; then down $sink_pid; fi
  done
done
fi

if [[ $steps != *" 3 "* ]]; then exit 0; fi
echo "== 3. drain after a ${outage}-second Logboek outage under load"
store=$out/outage.db
sink_up outage-before
host_up "$store" "${shipping[@]}"
load $((outage + 70)) > "$out/outage-load.txt" &
load_pid=$!
sleep 10
down $sink_pid
sleep "$outage"
target=$(last_position "$store")
backlog=$((target - $(acknowledged "$store")))
started=$(date +%s%3N)
sink_up outage-after
until [ "$(acknowledged "$store")" -ge "$target" ]; do sleep 0.1; done
drained=$(date +%s%3N)
echo "backlog when the Logboek came back: $backlog records; all acknowledged $(awk -v a="$started" -v b="$drained" 'BEGIN { printf "%.1f", (b - a) / 1000 }') s later, under load"
# Of that, the wait for the shipper's next attempt (its back-off, at most Audit:Logboek:MaxBackoffSeconds), then the transfer.
awk -v a="$started" -v b="$drained" 'NF == 3 && $2 > 0 && !t0 { t0 = $1 } NF == 3 && $1 <= b { n = $2 }
  END { printf "first export %.1f s after the Logboek came back; then %d records in %.1f s (%.0f/s) while the load went on\n", (t0 - a) / 1000, n, (b - t0) / 1000, n / ((b - t0) / 1000) }' \
  "$out/sink-outage-after.log"
wait $load_pid
echo "load over the whole run (outage included): $(cat "$out/outage-load.txt")"
echo "records: $(last_position "$store") made, $(acknowledged "$store") acknowledged when the load ended"
