#!/usr/bin/env bash
# How the solver time of `eligibility verify` grows with the bound K on the history: the legal properties of one version
# (default 2017-02-25) for K = 2, 4, 6, 8. Prints one line per property and K. Needs Debian's z3.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-2017-02-25}
dotnet build cli -v q > /dev/null
for k in 2 4 6 8; do
  dotnet cli/bin/Debug/net10.0/eligibility.dll verify --version "$version" --events "$k" --no-builtin || true
done | grep -E "^  [✓✗?!] " | sed -E 's/^  . +//' | awk -v OFS='\t' '{ print }'
