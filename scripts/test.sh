#!/usr/bin/env bash
# Builds the whole solution (warnings are errors in src/) and runs every test project.
# Integration tests start their own Mosquitto on free loopback ports and use the models placed by
# scripts/setup.sh. Ends with one summary line: "N passed, N failed, N skipped".
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Mqtt").
set -euo pipefail
cd "$(dirname "$0")/.."
results=TestResults
rm -rf "$results"

echo "== build"
dotnet build EdgeVoice.sln -c Release --nologo -v quiet -clp:NoSummary

echo "== test models (random weights, real shapes; cached)"
scripts/test-models.sh

echo "== test"
status=0
dotnet test EdgeVoice.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?

passed=0; failed=0; skipped=0
for f in "$results"/*.trx; do
  [ -f "$f" ] || continue
  c=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  num() { echo "$c" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  # xunit's skipped tests are counted as total minus executed (the trx "notExecuted" counter stays 0)
  passed=$((passed + $(num passed))); failed=$((failed + $(num failed))); skipped=$((skipped + $(num total) - $(num executed)))
done
if [ "$skipped" -gt 0 ]; then
  echo "== skipped (each names the model it waits for)"
  grep -h -A3 'outcome="NotExecuted"' "$results"/*.trx | grep -o '<Message>[^<]*</Message>' | sed 's/<[^>]*>//g; s/^/  /' || true
fi
if [ "$failed" -gt 0 ]; then
  # Named again here, at the end, so a log read from its tail says which tests failed and why.
  echo "== failed"
  perl -0777 -ne 'while (/<UnitTestResult [^>]*testName="([^"]*)"[^>]*outcome="Failed"[^>]*>.*?<Message>(.*?)<\/Message>/sg) {
      my ($n, $m) = ($1, $2); s/&quot;/"/g, s/&apos;/\x27/g, s/&lt;/</g, s/&gt;/>/g, s/&amp;/&/g for $n, $m;
      $m =~ s/\s+/ /g; print "  $n\n    ", substr($m, 0, 400), "\n" }' "$results"/*.trx || true
fi
echo
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
exit $status
