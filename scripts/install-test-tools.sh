#!/usr/bin/env bash
# Installs what the browser tests need: Debian's Chromium and ChromeDriver (/usr/bin/chromium,
# /usr/bin/chromedriver). Idempotent: returns at once when /usr/bin/chromium is already there. Playwright for
# Java drives this Chromium; it never downloads a browser of its own (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
# Needs root (or sudo) and Debian's package registry. Fails loudly when Chromium cannot be installed.
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
    echo "install-test-tools: /usr/bin/chromium present ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"
    exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
else
    echo "install-test-tools: ERROR: /usr/bin/chromium is missing and this user can neither install packages nor sudo" >&2
    exit 1
fi

echo "install-test-tools: installing chromium and chromium-driver from Debian"
export DEBIAN_FRONTEND=noninteractive
if ! "${SUDO[@]}" apt-get update; then
    echo "install-test-tools: ERROR: apt-get update failed" >&2
    exit 1
fi
if ! "${SUDO[@]}" apt-get install -y --no-install-recommends chromium chromium-driver fonts-dejavu-core; then
    echo "install-test-tools: ERROR: apt-get install chromium chromium-driver failed" >&2
    exit 1
fi

if [[ ! -x /usr/bin/chromium ]]; then
    echo "install-test-tools: ERROR: the packages installed but /usr/bin/chromium is not there" >&2
    exit 1
fi
echo "install-test-tools: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
