#!/usr/bin/env bash
# Load test of the gRPC host (not run in CI): unary Evaluate with a realistic case, 60 s, 64 concurrent streams, on
# this machine with client and server sharing its 2 cores. Prints throughput, p50/p99 latency, errors and the
# host's memory before and after. Usage:
#   bash bench/grpc-load.sh [seconds] [concurrency] [nrules|compiled] [open|tls|token|tls+token|mtls|mtls+token] [sqlite|postgres|none]
# open: cleartext HTTP/2, no authentication (loopback). tls: TLS, no authentication. token: a bearer token (scope
# beoordelen) on every call, cleartext. tls+token: both. mtls: TLS with the municipality's client certificate, checked
# against the host's trust anchor (its OIN read per connection). mtls+token: as a municipality calls. The token's
# signature, issuer, audience, expiry and scope are checked (samples/dev-pki.sh makes the CA, certificates and token).
# h2load cannot present a client certificate: the mtls modes, and every mode with CLIENT=dotnet, are driven by the
# project's own .NET client instead (bench command grpc-load: one connection per client, one call in flight each).
# sqlite (the default, as shipped): every decision committed to a fresh SQLite file before it is answered. postgres: to a
# throwaway PostgreSQL on this machine (samples/dev-postgres.sh). none: Audit:Enabled=false, decisions leave no record.
# PIN=1: the host on core 0 and h2load on core 1, so that the host's throughput is measured without the load
# generator's work (its TLS above all) taking the same core, as when callers run on machines of their own.
# WARMUP=60: a minute of load before the measured run, so that it measures the host's steady state (see the warm-up).
set -euo pipefail
cd "$(dirname "$0")/.."
host_cpu=()
client_cpu=()
if [ "${PIN:-0}" = 1 ]; then host_cpu=(taskset -c 0); client_cpu=(taskset -c 1); fi
seconds=${1:-60}
clients=${2:-64}
engine=${3:-nrules}
auth=${4:-open}
records=${5:-sqlite}
port=5392
out=$PWD/artifacts/load
mkdir -p "$out"
command -v h2load >/dev/null || { apt-get update -qq && apt-get install -y -qq nghttp2-client; }

dotnet build -c Release bench/EligibilityEngine.Benchmarks -v q -nologo   # builds the host too (project reference)
dotnet bench/EligibilityEngine.Benchmarks/bin/Release/net10.0/EligibilityEngine.Benchmarks.dll grpc-body "$out/evaluate.bin"
# Per-request logging is switched down to warnings for the run: the log line per decision is not what is measured.
# The rule-set holder still logs when the engine is ready, which is when the host reports SERVING.
# The rate limit is what is not measured: it is set far above what this machine can send.
host_settings=(--Engine:Kind="$engine" --Logging:LogLevel:Default=Warning --Logging:LogLevel:EligibilityEngine.Host.RuleLibraryHolder=Information
  --Security:RateLimit:PermitsPerSecond=1000000 --Security:RateLimit:Burst=1000000)
scheme=http
curl_tls=(--http2-prior-knowledge)
auth_header=()
client=${CLIENT:-h2load}
dotnet_tls=()
if [[ $auth == tls* || $auth == mtls* ]]; then
  pki=$out/pki
  bash samples/dev-pki.sh init "$pki" > /dev/null
  scheme=https
  curl_tls=(--http2 --cacert "$pki/ca.pem")
  dotnet_tls=("$pki/ca.pem")
  host_settings+=(--Kestrel:Endpoints:Grpc:Certificate:Path="$pki/server.pem" --Kestrel:Endpoints:Grpc:Certificate:KeyPath="$pki/server.key")
fi
if [[ $auth == mtls* ]]; then
  client=dotnet
  curl_tls+=(--cert "$pki/client.pem" --key "$pki/client.key")
  dotnet_tls+=("$pki/client.pem" "$pki/client.key")
  host_settings+=(--Security:ClientCertificates:TrustAnchorFile="$pki/ca.pem")
fi
dotnet_token=()
if [[ $auth == *token ]]; then
  pki=$out/pki
  [ -f "$pki/signing.key" ] || bash samples/dev-pki.sh init "$pki" > /dev/null
  bash samples/dev-pki.sh token beoordelen "$pki" > "$out/token"
  auth_header=(-H "authorization: Bearer $(cat "$out/token")")
  dotnet_token=(--token "$out/token")
  host_settings+=(--Security:Jwt:Issuer=https://auth.dev.example.nl --Security:Jwt:Audience=https://eligibility.dev.example.nl
    --Security:Jwt:JwksFile="$pki/jwks.json")
fi
case $records in
  sqlite) store=$out/decisions.db; rm -f "$store"*; host_settings+=(--Audit:Store="$store") ;;
  postgres)
    rm -rf "$out/pg"
    store=$(bash samples/dev-postgres.sh start "$out/pg")
    host_settings+=(--Audit:Store="$store") ;;
  none) store=""; host_settings+=(--Audit:Enabled=false) ;;
  *) echo "records: sqlite, postgres or none, not '$records'"; exit 2 ;;
esac
"${host_cpu[@]}" dotnet host/bin/Release/net10.0/EligibilityEngine.Host.dll --Kestrel:Endpoints:Grpc:Url=$scheme://127.0.0.1:$port \
  "${host_settings[@]}" > "$out/host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null || true; if [ "$records" = postgres ]; then bash samples/dev-postgres.sh stop "$out/pg"; fi' EXIT
for _ in $(seq 1 60); do grep -q "ready for .* versions" "$out/host.log" && curl -s "${curl_tls[@]}" -o /dev/null "$scheme://127.0.0.1:$port" && break; sleep 1; done
echo "engine: $(grep -o 'Engine [^"]* ready for [0-9]* versions in [0-9]* ms' "$out/host.log")"

url=$scheme://127.0.0.1:$port/eligibility.v1.EligibilityService/Evaluate
headers=(-H 'content-type: application/grpc' -H 'te: trailers' "${auth_header[@]}")
# h2load counts HTTP statuses only; gRPC puts its status in the trailers (an error is still HTTP 200). So the body is
# first sent once with curl, and the run goes ahead only if the host answers it with grpc-status 0.
status=$(curl -s "${curl_tls[@]}" "${headers[@]}" --data-binary @"$out/evaluate.bin" -D - -o /dev/null "$url" |
  sed -n 's/^grpc-status: *\([0-9]*\).*/\1/p')
[ "$status" = 0 ] || { echo "the request body is not answered with grpc-status 0 (got '${status}'): not measuring errors"; exit 1; }
echo "request body answered with grpc-status 0"
if [ "$client" = h2load ]; then
  # Warm-up: the runtime moves the host's hot code through its tiers (instrumented, then optimised) only as fast as its
  # background compiler gets CPU; on one pinned core that takes about a minute, hence WARMUP (seconds, default 5).
  "${client_cpu[@]}" h2load -D "${WARMUP:-5}" -c "$clients" -m 1 "${headers[@]}" -d "$out/evaluate.bin" "$url" > /dev/null
fi
rm -f "$out/requests.log"   # h2load appends to an existing log
rss_before=$(ps -o rss= -p $host)
# The host's CPU time (user + system, in clock ticks) over the run: CPU per request is steadier than throughput on a
# machine whose two cores the load generator shares.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$host/stat"; }
cpu_before=$(cpu_ticks)
# The host's memory every 10 s of the run, to tell growth from the GC settling.
(while sleep 10; do ps -o rss= -p $host || break; done > "$out/rss.log") &
sampler=$!
if [ "$client" = dotnet ]; then
  # The client warms up for 5 s itself and reads the host's CPU time over the measured part only.
  "${client_cpu[@]}" dotnet bench/EligibilityEngine.Benchmarks/bin/Release/net10.0/EligibilityEngine.Benchmarks.dll grpc-load \
    "$scheme://127.0.0.1:$port" "$seconds" "$clients" "${dotnet_tls[@]}" "${dotnet_token[@]}" --host-pid $host | tee "$out/dotnet-load.txt"
else
  "${client_cpu[@]}" h2load -D "$seconds" -c "$clients" -m 1 "${headers[@]}" -d "$out/evaluate.bin" --log-file "$out/requests.log" "$url" | tee "$out/h2load.txt"
fi
kill $sampler 2>/dev/null || true
rss_after=$(ps -o rss= -p $host)
cpu_after=$(cpu_ticks)
if [ "$client" = dotnet ]; then
  requests=$(sed -n 's/^requests \([0-9]*\) .*/\1/p' "$out/dotnet-load.txt")
  ticks=$(sed -n 's/^host_cpu_ticks \([0-9]*\)/\1/p' "$out/dotnet-load.txt")
  awk -v n="$requests" -v cpu="$ticks" -v hz="$(getconf CLK_TCK)" -v rb="$rss_before" -v ra="$rss_after" 'BEGIN {
    printf "host RSS %.0f MiB before, %.0f MiB after\n", rb / 1024, ra / 1024
    printf "host CPU %.1f s, %.0f us per request\n", cpu / hz, cpu / hz / n * 1e6 }'
  echo "host log lines at warning or above (start-up and run): $(grep -c '"LogLevel":"\(Warning\|Error\|Critical\)"' "$out/host.log")"
  exit 0
fi

# requests.log: start time, status, elapsed microseconds per request.
sort -n -k3 "$out/requests.log" | awk -v rb="$rss_before" -v ra="$rss_after" -v cpu=$((cpu_after - cpu_before)) -v hz="$(getconf CLK_TCK)" '
  { t[NR] = $3; if ($2 != 200) bad++ }
  END {
    printf "requests %d, non-200 %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", NR, bad + 0, t[int(NR * 0.5)] / 1000, t[int(NR * 0.99)] / 1000, t[NR] / 1000
    printf "host RSS %.0f MiB before, %.0f MiB after\n", rb / 1024, ra / 1024
    printf "host CPU %.1f s, %.0f us per request\n", cpu / hz, cpu / hz / NR * 1e6
  }'
awk '{ printf "%s%.0f", (NR > 1 ? " " : "host RSS every 10 s (MiB): "), $1 / 1024 } END { print "" }' "$out/rss.log"
# A call that fails inside the host (an exception, a reset) is logged at warning or error even though h2load saw 200.
echo "host log lines at warning or above (start-up and run): $(grep -c '"LogLevel":"\(Warning\|Error\|Critical\)"' "$out/host.log")"
# Every decision answered is on the record (h2load's requests plus the warm-up and the check with curl).
if [ -n "$store" ]; then
  echo "records in the audit store: $(dotnet bench/EligibilityEngine.Benchmarks/bin/Release/net10.0/EligibilityEngine.Benchmarks.dll audit-count "$store")"
fi
