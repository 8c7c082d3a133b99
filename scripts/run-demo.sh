#!/usr/bin/env bash
# Installs what is missing, builds, and starts the console on the bundled demo data.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
install_missing_packages
configure_and_build
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No display found: starting under a virtual X server (xvfb-run)." >&2
  exec xvfb-run -a "$BUILD_DIR/app/sportello" --demo "$@"
fi
exec "$BUILD_DIR/app/sportello" --demo "$@"
