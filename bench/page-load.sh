#!/usr/bin/env bash
# Load test of the decision page (not run in CI): GET /casus?voorbeeld=SAMPLE over HTTP/1.1 from the Release host, as a
# labour expert's browser asks it, with h2load --h1. Prints requests per second, p50/p99 latency, non-200 answers and
# the page's weight (the HTML, and the style sheet and script it loads). Usage:
#   bash bench/page-load.sh [seconds] [clients] [sample]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
clients=${2:-8}
sample=${3:-omzetting-en-terugval}
port=5393
out=$PWD/artifacts/load
mkdir -p "$out"
command -v h2load >/dev/null || { apt-get update -qq && apt-get install -y -qq nghttp2-client; }

dotnet build -c Release host -v q -nologo
dotnet host/bin/Release/net10.0/EligibilityEngine.Host.dll --Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:5394 \
  --Kestrel:Endpoints:Json:Url=http://127.0.0.1:$port --Web:SamplesDirectory="$PWD/samples/cases" \
  --Logging:LogLevel:Default=Warning --Security:RateLimit:PermitsPerSecond=1000000 --Security:RateLimit:Burst=1000000 > "$out/page-host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null || true' EXIT
url=http://127.0.0.1:$port/casus?voorbeeld=$sample
for _ in $(seq 1 60); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ] && break; sleep 1; done
grep -q 'class="uitkomst' <(curl -s "$url") || { echo "$url shows no decision: not measuring"; exit 1; }
weigh() { curl -s -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port$1"; }
echo "page weight: HTML $(weigh "/casus?voorbeeld=$sample") bytes, stijl.css $(weigh /assets/stijl.css) bytes, formulier.js $(weigh /assets/formulier.js) bytes (uncompressed)"
h2load --h1 -D 5 -c "$clients" "$url" > /dev/null   # warm-up
rm -f "$out/page-requests.log"
h2load --h1 -D "$seconds" -c "$clients" --log-file "$out/page-requests.log" "$url" | grep -E "^finished|^requests:|^status codes:"
sort -n -k3 "$out/page-requests.log" | awk '
  { t[NR] = $3; if ($2 != 200) bad++ }
  END { printf "requests %d, non-200 %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", NR, bad + 0, t[int(NR * 0.5)] / 1000, t[int(NR * 0.99)] / 1000, t[NR] / 1000 }'
