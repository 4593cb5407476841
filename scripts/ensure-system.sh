#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing (as root, apt-get update once),
# and starts pcscd with the vpcd virtual readers. Safe to run again: it only does what is missing.
# cog, wpewebkit-driver and fonts-noto-cjk run the e2e tests in WPE WebKit (the STB's browser engine),
# chromium and chromium-driver the same journeys in Chromium;
# bubblewrap confines the bundled bridge the way its systemd unit does, and systemd-analyze (from systemd,
# which need not run) checks the unit file (native-bridge/service tests); python3 stands in for
# systemd's notify socket when the service's systemd-notify messages are tested.
set -euo pipefail

packages=(pcscd libpcsclite-dev vsmartcard-vpcd opensc openssl cog wpewebkit-driver chromium chromium-driver fonts-noto-cjk bubblewrap systemd python3)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "missing Debian packages: ${missing[*]} — run as root, or: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# pcscd reads its reader list at start: restart it if it runs without the vpcd readers.
has_vpcd_readers() { opensc-tool --list-readers 2>/dev/null | grep -q 'Virtual PCD'; }
if pgrep -x pcscd >/dev/null && ! has_vpcd_readers; then
  pkill -x pcscd || true
  for _ in $(seq 50); do pgrep -x pcscd >/dev/null || break; sleep 0.1; done
fi
if ! pgrep -x pcscd >/dev/null; then
  mkdir -p /run/pcscd
  pcscd
fi
for _ in $(seq 50); do has_vpcd_readers && exit 0; sleep 0.1; done
echo "pcscd is running but shows no vpcd reader (is /etc/reader.conf.d/vpcd there?)" >&2
exit 1
