#!/usr/bin/env bash
# One-time (and repeatable) set-up on a fresh Debian/Raspberry Pi OS machine:
#   1. Debian packages EdgeVoice needs (espeak-ng, sox, mosquitto, pocketsphinx, alsa-utils, ...)
#      and, optionally, the bench's SAM voice (Node.js + npm sam-js in tests/EdgeVoice.Bench/sam; a warning if npm fails);
#      Kajongg's recorded voices for the tests and bench, unpacked from its .deb into artifacts/voices/kajongg
#   2. build and publish the app to artifacts/edgevoice/ (artifacts/edgevoice/edgevoice is the CLI)
#   3. place the models listed in models/models.json into models/: copied from ../shared/models when
#      that folder exists (offline build machines), else downloaded; either way checked against the pinned size and sha256 (sha1 where only that is published)
#   4. synthesise the sample commands into models/samples/
# Running it twice is harmless: installed packages, placed models and samples are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
step() { printf '\n== %s\n' "$*"; }

APT_PACKAGES=(espeak-ng libespeak-ng1 sox libsox-fmt-all alsa-utils mosquitto mosquitto-clients
              libpocketsphinx3 pocketsphinx pocketsphinx-en-us jq curl ca-certificates openssl ffmpeg
              gpiod libgpiod2
              systemd                                                # systemd-analyze, for the unit's security test
              flite festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts   # other voices for the speech tests and bench
              asterisk-core-sounds-{en,es,fr,it,ru}{,-g722}          # real voices saying no command (tests/EdgeVoice.Bench/AsteriskPrompts.cs)
              asterisk-moh-opsound-g722                              # real music to speak over (tests/EdgeVoice.Bench/Music.cs)
              hedgewars-data pocketsphinx-testdata                   # more real voices saying no command (Hedgewars.cs, SphinxTestData.cs)
              gcin-voice                                             # Mandarin syllables said by two people (MandarinSyllables.cs)
              ktuberling-data)                                       # a game's words said alone in 23 languages (Ktuberling.cs)

step "Debian packages"
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "all ${#APT_PACKAGES[@]} packages present"
fi
# The test suite and the simulate command start their own brokers; a system-wide one is only for devices.
if [ -n "${CI:-}" ] && command -v systemctl >/dev/null && systemctl is-active --quiet mosquitto 2>/dev/null; then
  systemctl stop mosquitto || true
fi

# SAM (npm sam-js, pinned in tests/EdgeVoice.Bench/sam/package-lock.json), one more voice for the speech bench.
# Optional: without Node.js or the npm registry only the bench's SAM family is unavailable.
step "SAM voice for the bench (tests/EdgeVoice.Bench/sam)"
SAM_DIR=tests/EdgeVoice.Bench/sam
sam_warn() { echo "warning: $* - the SAM bench family will be unavailable (re-run scripts/setup.sh when it is fixed)" >&2; }
if [ -d "$SAM_DIR/node_modules/sam-js" ]; then
  echo "sam-js present"
else
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "installing: nodejs npm"
    { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; } \
      || sam_warn "apt-get could not install nodejs npm"
  fi
  if command -v node >/dev/null && command -v npm >/dev/null; then
    if [ -f "$SAM_DIR/package-lock.json" ]; then npm_cmd=(npm ci --no-audit --no-fund); else npm_cmd=(npm install --no-audit --no-fund); fi
    echo "${npm_cmd[*]} in $SAM_DIR"
    if (cd "$SAM_DIR" && "${npm_cmd[@]}" --loglevel=error) && [ -d "$SAM_DIR/node_modules/sam-js" ]; then
      echo "sam-js installed"
    else
      sam_warn "npm could not install sam-js (is the npm registry reachable?)"
    fi
  else
    sam_warn "node and npm are not installed"
  fi
fi

# Kajongg's voices: real people calling mahjong tiles ("bamboo five", "green dragon"), numbers and colours that are no
# command. Only the voices are wanted; installing the package would pull in 84 Qt and Python packages, so the .deb is
# fetched (apt checks it against the signed index) and unpacked into artifacts/voices/kajongg.
step "Kajongg's voices for the tests and bench (artifacts/voices/kajongg)"
KAJONGG=artifacts/voices/kajongg
if [ -f "$KAJONGG/male1/b5.ogg" ]; then
  echo "present"
else
  deb_dir=$(mktemp -d); chmod 755 "$deb_dir"
  (cd "$deb_dir" && { apt-get download -qq kajongg 2>/dev/null || { SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && apt-get download -qq kajongg; }; })
  dpkg-deb -x "$deb_dir"/kajongg_*.deb "$deb_dir/x"
  mkdir -p "$KAJONGG" && cp -r "$deb_dir/x/usr/share/kajongg/voices/." "$KAJONGG/"
  rm -rf "$deb_dir"
  echo "$(find "$KAJONGG" -name '*.ogg' | wc -l) clips in $KAJONGG"
fi

step ".NET SDK"
if ! command -v dotnet >/dev/null; then
  echo "dotnet is not installed. Install the .NET 10 SDK (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2
  echo "or, on a Raspberry Pi: curl -sSL https://dot.net/v1/dotnet-install.sh | bash -s -- --channel 10.0" >&2
  exit 1
fi
dotnet --version

step "Build and publish to artifacts/edgevoice"
dotnet publish src/EdgeVoice.Host/EdgeVoice.Host.csproj -c Release -o artifacts/edgevoice --nologo -v quiet -p:TreatWarningsAsErrors=true
echo "CLI: artifacts/edgevoice/edgevoice"

step "Models (models/models.json)"
SHARED="$ROOT/../shared/models"
n=$(jq '.models | length' models/models.json)
# Prints why a file does not match its pinned size and digest (sha256, or sha1 where the publisher
# only gives SHA-1, as whisper.cpp does); prints nothing when it matches or nothing is pinned.
mismatch() {
  local f=$1 size=$2 sha=$3 sha1=$4 got
  got=$(stat -c %s "$f")
  if [ -n "$size" ] && [ "$got" != "$size" ]; then echo "size $got, expected $size"; return; fi
  if [ -n "$sha" ]; then got=$(sha256sum "$f" | cut -d' ' -f1); [ "$got" = "$sha" ] || echo "sha256 $got, expected $sha"
  elif [ -n "$sha1" ]; then got=$(sha1sum "$f" | cut -d' ' -f1); [ "$got" = "$sha1" ] || echo "sha1 $got, expected $sha1"
  fi
}
for i in $(seq 0 $((n - 1))); do
  field() { jq -r ".models[$i].$1 // empty" models/models.json; }
  path=$(field path); size=$(field size); sha=$(field sha256); sha1=$(field sha1); url=$(field url); required=$(field required)
  dest="models/$path"
  mkdir -p "$(dirname "$dest")"
  if [ -f "$dest" ] && [ -z "$(mismatch "$dest" "$size" "$sha" "$sha1")" ]; then
    echo "ok       $path"; continue
  fi
  if [ -f "$SHARED/$path" ]; then
    cp "$SHARED/$path" "$dest.part"
    src="../shared/models"
  elif [ -d "$SHARED" ]; then
    # Offline build machine: ../shared/models/README.md lists what is not there yet; tests skip on those.
    if [ "$required" = "true" ]; then echo "missing  $path: not in ../shared/models" >&2; exit 1; fi
    echo "pending  $path (not in ../shared/models yet; tests that need it are skipped)"; continue
  else
    echo "download $path <- $url"
    if ! curl -fL --retry 3 --progress-bar -o "$dest.part" "$url"; then
      rm -f "$dest.part"
      if [ "$required" = "true" ]; then echo "download of $path failed" >&2; exit 1; fi
      echo "warning: optional model $path not downloaded; EdgeVoice runs without it" >&2; continue
    fi
    src="$url"
  fi
  bad=$(mismatch "$dest.part" "$size" "$sha" "$sha1")
  if [ -n "$bad" ]; then
    rm -f "$dest.part"
    echo "$path from $src does not match models/models.json: $bad" >&2
    if [ "$required" = "true" ]; then exit 1; fi
    echo "warning: optional model $path not placed; EdgeVoice runs without it" >&2; continue
  fi
  [ -z "$sha$sha1" ] && echo "note: $path has no pinned digest in models/models.json; it has sha256 $(sha256sum "$dest.part" | cut -d' ' -f1)"
  mv "$dest.part" "$dest"
  echo "placed   $path (from $src)"
done

step "Sample commands"
scripts/make-samples.sh

# Our own wake word head for the configured phrase (WakeWord:Phrase), trained from espeak-ng speech
# (about 2-3 minutes on 2 cores; clips cached in /tmp/edgevoice-waketrain). Without it the service
# falls back to openWakeWord's pre-trained model and says so in its log.
step "Wake word head (models/wake)"
artifacts/edgevoice/edgevoice wake-train --if-missing

cat <<MSG

EdgeVoice is set up. Try the whole loop without hardware:
  artifacts/edgevoice/edgevoice simulate --wav models/samples/turn_on_the_kitchen_light.wav --json
Run the tests:
  scripts/test.sh
MSG
