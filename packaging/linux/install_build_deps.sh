#!/usr/bin/env bash
# Install what building and checking the .deb needs on a fresh Debian/Ubuntu machine (run as root).
# dpkg-dev: dpkg-deb and dpkg-architecture; binutils: readelf and strip; the validators; and the Qt
# system libraries the frozen app loads, so the unpacked app can start.
set -euo pipefail
packages=(
  dpkg-dev binutils desktop-file-utils shared-mime-info appstream lintian python3-venv
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0
  libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0 libxcb-shape0
  libxcb-xfixes0 libxcb-xkb1 libx11-xcb1 libwayland-client0 libwayland-cursor0 libwayland-egl1 libcups2 tzdata
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
