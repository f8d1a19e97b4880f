#!/usr/bin/env bash
# Times `eligibility impact` over a made-up CSV corpus (not run in CI): N cases (default 100,000) judged under two
# versions (default 2026-01-01 and planned-simpel-switchen), end to end — start-up, loading and compiling the rules,
# reading the CSV, judging, writing the Markdown report. Usage: bash bench/impact-timing.sh [cases] [from] [to] [nrules|compiled]
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-100000}
from=${2:-2026-01-01}
to=${3:-planned-simpel-switchen}
engine=${4:-nrules}
mkdir -p artifacts
dotnet build -c Release cli -v q -nologo
dotnet build -c Release bench/EligibilityEngine.Benchmarks -v q -nologo
dotnet bench/EligibilityEngine.Benchmarks/bin/Release/net10.0/EligibilityEngine.Benchmarks.dll impact-corpus "$cases" "artifacts/impact-$cases.csv"
for run in 1 2 3; do
  /usr/bin/time -f "run $run: %e s elapsed, %M KiB peak memory, %P CPU" \
    dotnet cli/bin/Release/net10.0/eligibility.dll impact "$from" "$to" --cases "artifacts/impact-$cases.csv" --engine "$engine" > "artifacts/impact-$cases.md"
done
grep -m1 "Rekenregels uitgevoerd met" "artifacts/impact-$cases.md"
grep -m1 "beslissingen veranderen" "artifacts/impact-$cases.md"
