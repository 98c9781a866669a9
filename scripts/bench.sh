#!/usr/bin/env bash
# Speed and memory figures, printed as markdown tables (quote them in issue notes as they are).
# Needs scripts/setup.sh first. Starts its own Mosquitto on a free loopback port.
# Medians and ratios from one run are what to compare: these 2-core machines are noisy.
set -euo pipefail
# `speech families` alone, built from the current sources; it runs from the repository, so a dump file named relative to
# where you are is made absolute first and stays there.
families() {
  local args=() a
  for a in "$@"; do case $a in dump=*) args+=("dump=$(realpath -m "${a#dump=}")") ;; *) args+=("$a") ;; esac; done
  cd "$(dirname "$0")/.."
  dotnet build tests/EdgeVoice.Bench -c Release --nologo -v quiet -clp:NoSummary >/dev/null
  exec dotnet tests/EdgeVoice.Bench/bin/Release/net10.0/EdgeVoice.Bench.dll speech families "${args[@]}"
}
# scripts/bench.sh recordings DIR [profile=NAME] [cold] [dump=FILE]: only your own recordings, each WAV named by what is said in it
# (as speech-to-phrase's tests are), heard and carried out as config/NAME.json (speech-dev by default) sets the product up.
if [ "${1:-}" = recordings ]; then
  [ -d "${2:-}" ] || { echo "usage: scripts/bench.sh recordings DIR [profile=NAME] [cold] [dump=FILE] (DIR: WAVs named by what is said)" >&2; exit 2; }
  dir=$(realpath "$2"); shift 2
  families "recordings=$dir" "$@"
fi
# scripts/bench.sh prompts [lang=en,es,fr,it,ru|all] [profile=NAME] [cold] [dump=FILE]: the Asterisk PBX's studio prompts, real
# human speech that is no command (Debian asterisk-core-sounds-LANG-g722, which scripts/setup.sh installs; default en, Allison
# Smith), heard as speech-dev and home set the product up. `allison` is `prompts lang=en`.
if [ "${1:-}" = prompts ]; then shift; families prompts "$@"; fi
if [ "${1:-}" = allison ]; then shift; families prompts lang=en "$@"; fi
# scripts/bench.sh hedgewars [pack=NAME,...] [profile=NAME] [cold] [dump=FILE]: the game Hedgewars' voice packs, actors shouting
# short lines in accented English and four other languages, none a command (Debian hedgewars-data). scripts/bench.sh sphinxdata
# [...]: pocketsphinx's test recordings, real read speech full of numbers (Debian pocketsphinx-testdata). Both installed by
# scripts/setup.sh, heard as prompts are. scripts/bench.sh kajongg [pack=NAME,...] [...]: the game Kajongg's voices calling mahjong
# tiles, numbers and colours that are no command ("bamboo five", "green dragon"; scripts/setup.sh unpacks them from the .deb).
# scripts/bench.sh mandarin [voice=3,5] [...]: every Mandarin syllable said alone by two people (Debian gcin-voice).
case "${1:-}" in hedgewars|sphinxdata|kajongg|mandarin) set=$1; shift; families "$set" "$@" ;; esac
# scripts/bench.sh music [snr=DB] [profile=NAME] [cold] [dump=FILE]: Piper's speech-dev commands with real music under them
# (Debian asterisk-moh-opsound-g722, which scripts/setup.sh installs), DB below the words (default 10), and music alone.
if [ "${1:-}" = music ]; then shift; families music "$@"; fi
cd "$(dirname "$0")/.."
[ -x artifacts/edgevoice/edgevoice ] || { echo "run scripts/setup.sh first" >&2; exit 1; }
# The pipeline bench runs the published CLI: publish the current sources, or it measures the code of the
# last setup.sh run.
# (BENCH_MODELS_ONLY=1 skips it: its cold start runs the Host build output that the bench build makes.)
[ "${BENCH_MODELS_ONLY:-}" = 1 ] || dotnet publish src/EdgeVoice.Host/EdgeVoice.Host.csproj -c Release -o artifacts/edgevoice --nologo -v quiet >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18883)
work=$(mktemp -d)
printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$port" > "$work/mosquitto.conf"
/usr/sbin/mosquitto -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 &
broker=$!
trap 'kill $broker 2>/dev/null; rm -rf "$work"' EXIT
sleep 0.5
export EDGEVOICE__Mqtt__Port=$port EDGEVOICE__Mqtt__OutboxDir=$work/outbox EDGEVOICE__ModelsDir=$PWD/models
export Logging__LogLevel__Default=Warning EDGEVOICE__Logging__LogLevel__Default=Warning
echo "EdgeVoice bench — $(date -u +%F\ %H:%M) UTC, $(nproc) cores, $(uname -m), $(uptime | sed 's/.*load/load/')"
dotnet build tests/EdgeVoice.Bench -c Release --nologo -v quiet -clp:NoSummary >/dev/null
[ "${BENCH_MODELS_ONLY:-}" = 1 ] || dotnet tests/EdgeVoice.Bench/bin/Release/net10.0/EdgeVoice.Bench.dll models/samples artifacts/edgevoice/edgevoice "${ROUNDS:-5}"
# What every utterance pays for the template match the intent engine makes before the rules (with and without it, one run).
[ "${BENCH_MODELS_ONLY:-}" = 1 ] || dotnet tests/EdgeVoice.Bench/bin/Release/net10.0/EdgeVoice.Bench.dll template-cost
# Whisper and the LLM at the real models' shapes (trained files in models/, else generated random-weight ones), in a
# process of their own so the whole loop's peak RSS is that of both models. BENCH_MODELS_ONLY=1 runs only this part.
# Rows: the whole loop (in process: stage medians, peak RSS), Whisper tiny.en/base.en encode/decode/RTF on a command and
# on kennedy.wav, the LLM per command (20, prefix reused) and prefill/decode tokens/s, cold start with both models (fresh
# process: wall, CPU, peak RSS). CPU time is printed beside wall time: on a loaded machine it is the steadier figure.
scripts/test-models.sh >/dev/null
echo "models part starts, $(uptime | sed 's/.*load/load/')"
dotnet tests/EdgeVoice.Bench/bin/Release/net10.0/EdgeVoice.Bench.dll models models/samples 1
echo "models part ends, $(uptime | sed 's/.*load/load/')"
