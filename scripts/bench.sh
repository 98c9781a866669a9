#!/usr/bin/env bash
# Speed and memory figures, printed as markdown tables (quote them in issue notes as they are).
# Needs scripts/setup.sh first. Starts its own Mosquitto on a free loopback port.
# Medians and ratios from one run are what to compare: these 2-core machines are noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x artifacts/edgevoice/edgevoice ] || { echo "run scripts/setup.sh first" >&2; exit 1; }
# The pipeline bench runs the published CLI: publish the current sources, or it measures the code of the
# last setup.sh run.
dotnet publish src/EdgeVoice.Host/EdgeVoice.Host.csproj -c Release -o artifacts/edgevoice --nologo -v quiet >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18883)
work=$(mktemp -d)
printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$port" > "$work/mosquitto.conf"
/usr/sbin/mosquitto -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 &
broker=$!
trap 'kill $broker 2>/dev/null; rm -rf "$work"' EXIT
sleep 0.5
export EDGEVOICE__Mqtt__Port=$port EDGEVOICE__Mqtt__OutboxDir=$work/outbox EDGEVOICE__ModelsDir=$PWD/models
export Logging__LogLevel__Default=Warning EDGEVOICE__Logging__LogLevel__Default=Warning
echo "EdgeVoice bench — $(date -u +%F\ %H:%M) UTC, $(nproc) cores, $(uname -m)"
dotnet build tests/EdgeVoice.Bench -c Release --nologo -v quiet -clp:NoSummary >/dev/null
[ "${BENCH_MODELS_ONLY:-}" = 1 ] || dotnet tests/EdgeVoice.Bench/bin/Release/net10.0/EdgeVoice.Bench.dll models/samples artifacts/edgevoice/edgevoice "${ROUNDS:-5}"
# Whisper and the LLM at the real models' shapes (trained files in models/, else generated random-weight ones), in a
# process of their own so the whole loop's peak RSS is that of both models. BENCH_MODELS_ONLY=1 runs only this part.
scripts/test-models.sh >/dev/null
dotnet tests/EdgeVoice.Bench/bin/Release/net10.0/EdgeVoice.Bench.dll models models/samples 1
