#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring (when both are
# installed and no session bus is running), so the OS-keyring cipher meets a real Secret Service.
# Elsewhere the command runs as it is. Used by `npm test` and `npm run bench`.
set -euo pipefail

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  # A private keyring folder: gnome-keyring keeps its login keyring there, locked with the
  # password that created it, so a keyring left by an earlier run could not be unlocked.
  XDG_DATA_HOME="$(mktemp -d)"
  export XDG_DATA_HOME
  trap 'rm -rf "$XDG_DATA_HOME"' EXIT
  status=0
  dbus-run-session -- bash -c 'echo -n test-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null; export TOKEN_DESK_KEYRING_AVAILABLE=1; exec "$@"' bash "$@" || status=$?
  exit "$status"
fi
exec "$@"
