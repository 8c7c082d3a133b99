#!/bin/sh
# Runs a command with a real Secret Service (GNOME Keyring) of its own, as a desktop user's
# keychain: ctest starts this under dbus-run-session, and the keyring lives in a throwaway home.
# Used by the CLI sign-in tests, which store tokens in the system keychain like a user's would.
set -e
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config"
# The login keyring, created and unlocked with a password nobody needs to know.
eval "$(printf 'sportello-test' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
export GNOME_KEYRING_CONTROL
"$@"
