#!/usr/bin/env bash
# Installs what `make run` and `make test` need on a fresh Debian machine,
# using Debian's packages when the Python or Node tooling is missing.
set -euo pipefail

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "Please install the Debian packages: $* (sudo apt-get install $*)" >&2
    exit 1
  fi
  if [ -z "$(find /var/lib/apt/lists -name '*Packages*' -print -quit 2>/dev/null)" ]; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; }
}

case "${1:-}" in
  venv)
    python=${2:-python3}
    venv=${3:-.venv}
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "SaferPlan needs Python 3.11 or newer as '$python'" >&2
      exit 1
    fi
    if ! "$python" -m venv "$venv" 2>/dev/null; then
      rm -rf "$venv"
      apt_install python3-venv
      "$python" -m venv "$venv"
    fi
    ;;
  node)
    command -v npm >/dev/null || apt_install nodejs npm
    ;;
  chromium)
    [ -x /usr/bin/chromium ] || apt_install chromium fonts-liberation
    ;;
  *)
    echo "usage: $0 venv PYTHON DIR | node | chromium" >&2
    exit 2
    ;;
esac
