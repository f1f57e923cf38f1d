#!/usr/bin/env bash
# Installs Debian's chromium for the headless-browser report test (tests/warehouse/test_report.py)
# when it is missing. Quiet and idempotent. If it cannot install (not root, no apt, no network), it
# says so and exits 0: that test then skips with a message instead of failing the run.
set -uo pipefail

if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-chromium: no apt-get here; the headless report test will be skipped" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "install-chromium: not root and no sudo; the headless report test will be skipped" >&2
        exit 0
    fi
fi
export DEBIAN_FRONTEND=noninteractive
if $SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y -qq chromium >/dev/null; then
    echo "install-chromium: installed $(chromium --version 2>/dev/null | head -n 1)"
else
    echo "install-chromium: apt-get could not install chromium; the headless report test will be skipped" >&2
fi
exit 0
