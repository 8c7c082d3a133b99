# Shared by run-demo.sh and test.sh: install what is missing (Debian 12), then configure and build.
# Sourced, not run. Honours BUILD_DIR (default: build) and JOBS (default: number of cores).

set -euo pipefail
SPORTELLO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-"$SPORTELLO_ROOT/build"}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}

SPORTELLO_PACKAGES=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libsqlite3-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools linguist-qt6 qt6-svg-dev qtkeychain-qt6-dev qt6-networkauth-dev
  gnome-keyring dbus-daemon
  catch2 libgl-dev libxkbcommon-dev xvfb xauth sqlite3 dpkg-dev file fonts-noto-color-emoji clang-tidy
  libreoffice-calc-nogui
  postgresql libqt6sql6-psql openssl libssl-dev git
  lintian desktop-file-utils appstream systemd man-db groff-base
)

install_missing_packages() {
  local missing=()
  for p in "${SPORTELLO_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  echo "Installing: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

configure_and_build() {
  # -g1: line tables and function names, enough for a backtrace, and much lighter to compile and
  # link than full debug information (CI builds this and three sanitizer builds on 2 cores).
  # Precompiled headers save minutes in each of the four builds (clang-tidy still checks that each
  # source includes what it uses: tests/scripts/clang_tidy.sh).
  cmake -S "$SPORTELLO_ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DSPORTELLO_PRECOMPILED_HEADERS=ON
  cmake --build "$BUILD_DIR" --parallel "$JOBS"
}
