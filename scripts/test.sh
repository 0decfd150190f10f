#!/usr/bin/env bash
# npm test: type-check, lint, build the CLI, then run every test. When gnome-keyring and dbus are
# installed and no session bus is running, the tests run inside a private D-Bus session with an
# unlocked gnome-keyring, so the OS-keyring cipher is tested against a real Secret Service.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${TOKEN_DESK_IN_KEYRING_SESSION:-}" != 1 ]; then
  npm run --silent typecheck
  npx eslint .
  npm run --silent build
fi

if [ "${TOKEN_DESK_IN_KEYRING_SESSION:-}" != 1 ] && command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  export TOKEN_DESK_IN_KEYRING_SESSION=1
  # A private keyring folder: gnome-keyring keeps its login keyring there, locked with the
  # password that created it, so a keyring left by an earlier run could not be unlocked.
  export XDG_DATA_HOME="$(mktemp -d)"
  trap 'rm -rf "$XDG_DATA_HOME"' EXIT
  dbus-run-session -- bash -c 'echo -n test-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null; export TOKEN_DESK_KEYRING_AVAILABLE=1; exec bash scripts/test.sh "$@"' bash "$@"
  exit $?
fi

exec npx vitest run "$@"
