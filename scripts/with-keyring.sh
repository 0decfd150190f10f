#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked, throw-away gnome-keyring (when
# both are installed), so the OS-keyring cipher meets a real Secret Service and the tests never
# touch the user's own keyring. Elsewhere the command runs as it is. Used by `npm test` and
# `npm run bench`.
set -euo pipefail

if [ "${TOKEN_DESK_IN_KEYRING_SESSION:-}" != 1 ] && command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  # A private keyring folder: gnome-keyring keeps its login keyring there, locked with the
  # password that created it, so a keyring left by an earlier run could not be unlocked.
  XDG_DATA_HOME="$(mktemp -d)"
  export XDG_DATA_HOME TOKEN_DESK_IN_KEYRING_SESSION=1
  trap 'rm -rf "$XDG_DATA_HOME"' EXIT
  status=0
  dbus-run-session -- bash -c 'echo -n test-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null; export TOKEN_DESK_KEYRING_AVAILABLE=1; exec "$@"' bash "$@" || status=$?
  exit "$status"
fi
exec "$@"
