#!/usr/bin/env bash
# Synthesises a handful of spoken commands with espeak-ng into models/samples/ (16 kHz mono WAV),
# so the README's main command has something to run on. Existing files are kept.
set -euo pipefail
cd "$(dirname "$0")/.."
out=models/samples
mkdir -p "$out"
samples=(
  "turn on the kitchen light"
  "turn off the kitchen light"
  "set the living room light to fifty percent"
  "set the thermostat to twenty one degrees"
  "turn on the kettle"
  "open the blinds"
  "turn off the fan"
  "what is the thermostat status"
  "set a timer for five minutes"
  "turn on the garage light"
)
for text in "${samples[@]}"; do
  f="$out/${text// /_}.wav"
  [ -f "$f" ] && continue
  espeak-ng -v en-us -s 150 -w "$f.22k.wav" "$text"
  # -D: no dither. sox dithers with a new random seed each run, so every set-up made slightly different
  # samples and a clip near a decision threshold was heard differently from one clean clone to the next.
  sox -q -D "$f.22k.wav" -r 16000 -c 1 -b 16 "$f"
  rm -f "$f.22k.wav"
done
ls "$out" | sed 's/^/  /'
