#!/usr/bin/env bash
# Installs what the end-to-end tests drive besides Java: Debian's headless Chromium and its
# chromedriver (the browser tests), tmux (terminal tests), Xvfb with a CJK font (the desktop
# window's tests run real windows on a virtual display), the MQTT and IRC clients the gateways'
# tests drive (mosquitto-clients, irssi, WeeChat), Debian's HAProxy (the load
# balancer the cluster tests put in front of several nodes; the tests run its binary with a
# config of their own, never its service) and InspIRCd (a reference of `parley bench`, which
# likewise starts its own process with a config of its own, never the service). Idempotent: with everything present it does
# nothing. Maven runs it before parley-app's integration tests, so the README's one test
# command works on a fresh machine.
#
# Not root and something missing: it says what to install and exits 0, so the build goes on
# and the browser (or HAProxy) tests fail with that same message rather than being skipped.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
command -v mosquitto_sub >/dev/null 2>&1 || missing+=(mosquitto-clients)
command -v irssi >/dev/null 2>&1 || missing+=(irssi)
command -v weechat >/dev/null 2>&1 || missing+=(weechat-headless weechat-curses)
[[ -d /usr/share/fonts/opentype/noto ]] || missing+=(fonts-noto-cjk)
# Debian puts haproxy in /usr/sbin, which a non-root PATH may lack.
command -v haproxy >/dev/null 2>&1 || [[ -x /usr/sbin/haproxy ]] || missing+=(haproxy)
[[ -x /usr/sbin/inspircd ]] || missing+=(inspircd)

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

sudo=()
if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    echo "install-test-tools: missing ${missing[*]}; not root, so not installing." >&2
    echo "install-test-tools: run: sudo apt-get install -y ${missing[*]}" >&2
    exit 0
  fi
fi

echo "install-test-tools: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q "${missing[@]}"
