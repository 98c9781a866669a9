#!/usr/bin/env bash
# Installs the published app and models as a systemd service (run on the device after scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "run as root: sudo $0" >&2; exit 1; }
[ -x artifacts/edgevoice/edgevoice ] || { echo "run scripts/setup.sh first" >&2; exit 1; }
id edgevoice >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin edgevoice
# Groups, not the unit's SupplementaryGroups=: a group missing on this host (gpio on a Jetson) would fail the start.
for g in audio gpio spi; do getent group "$g" >/dev/null && usermod -aG "$g" edgevoice; done
mkdir -p /opt/edgevoice /etc/edgevoice
cp -r artifacts/edgevoice/. /opt/edgevoice/
cp -r models /opt/edgevoice/
touch /etc/edgevoice/secrets.env && chmod 600 /etc/edgevoice/secrets.env
install -m 644 systemd/edgevoice.service /etc/systemd/system/edgevoice.service
systemctl daemon-reload
systemctl enable --now edgevoice
systemctl --no-pager status edgevoice | head -5
