#!/usr/bin/env bash
# Installs, from Debian, what the tests and the CI benchmarks need:
#   - Chromium and ChromeDriver (/usr/bin/chromium, /usr/bin/chromedriver) for the results page's browser tests.
#     Playwright for Java drives this Chromium; it never downloads a browser of its own
#     (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
#   - wrk (/usr/bin/wrk), the external load generator of bench/run-ratio.sh.
#   - curl, Python 3 and Node.js 18 or later (for its fetch), which run the client examples of docs/clients.md
#     (ClientExamplesTest).
#   - npm (Debian's, when none is on the PATH), then from the npm registry axe-core (AXE_CORE_VERSION) into
#     $URNE_TEST_TOOLS (default ~/.cache/urne-test-tools), for the browser tests' accessibility checks; the tests
#     read node_modules/axe-core/axe.min.js from there.
# Each tool is checked on its own and only the missing ones are installed; when all are there it returns at once
# without touching apt or npm (idempotent). Needs root (or sudo) and Debian's package registry only when a Debian
# package is missing. Fails loudly when a tool cannot be installed.
set -euo pipefail

node_at_least_18() {
    command -v node >/dev/null 2>&1 && node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)'
}

AXE_CORE_VERSION=4.10.3
TOOLS_DIR=${URNE_TEST_TOOLS:-$HOME/.cache/urne-test-tools}

install_axe() {
    local axe="$TOOLS_DIR/node_modules/axe-core/axe.min.js"
    if [[ -f $axe ]] && grep -q "axe v$AXE_CORE_VERSION" "$axe"; then
        echo "install-test-tools: axe-core $AXE_CORE_VERSION present in $TOOLS_DIR"
        return
    fi
    echo "install-test-tools: installing axe-core $AXE_CORE_VERSION into $TOOLS_DIR from the npm registry"
    mkdir -p "$TOOLS_DIR"
    if ! npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --no-save --loglevel=error \
        "axe-core@$AXE_CORE_VERSION" >&2; then
        echo "install-test-tools: ERROR: npm install axe-core@$AXE_CORE_VERSION failed" >&2
        exit 1
    fi
    if [[ ! -f $axe ]]; then
        echo "install-test-tools: ERROR: npm installed axe-core but $axe is not there" >&2
        exit 1
    fi
}

missing=()
if [[ -x /usr/bin/chromium ]]; then
    echo "install-test-tools: /usr/bin/chromium present ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"
else
    missing+=(chromium chromium-driver fonts-dejavu-core)
fi
if [[ -x /usr/bin/wrk ]]; then
    echo "install-test-tools: /usr/bin/wrk present"
else
    missing+=(wrk)
fi
if command -v curl >/dev/null 2>&1; then
    echo "install-test-tools: curl present"
else
    missing+=(curl)
fi
if command -v python3 >/dev/null 2>&1; then
    echo "install-test-tools: python3 present ($(python3 --version 2>&1))"
else
    missing+=(python3)
fi
if node_at_least_18; then
    echo "install-test-tools: node present ($(node --version))"
else
    missing+=(nodejs)
fi
if ! command -v npm >/dev/null 2>&1; then
    missing+=(npm)
fi
if [[ ${#missing[@]} -eq 0 ]]; then
    install_axe
    exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
else
    echo "install-test-tools: ERROR: ${missing[*]} missing and this user can neither install packages nor sudo" >&2
    exit 1
fi

echo "install-test-tools: installing ${missing[*]} from Debian"
export DEBIAN_FRONTEND=noninteractive
if ! "${SUDO[@]}" apt-get update; then
    echo "install-test-tools: ERROR: apt-get update failed" >&2
    exit 1
fi
if ! "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
    echo "install-test-tools: ERROR: apt-get install ${missing[*]} failed" >&2
    exit 1
fi

for tool in /usr/bin/chromium /usr/bin/wrk; do
    if [[ ! -x $tool ]]; then
        echo "install-test-tools: ERROR: the packages installed but $tool is not there" >&2
        exit 1
    fi
done
for tool in curl python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "install-test-tools: ERROR: the packages installed but $tool is not there" >&2
        exit 1
    fi
done
if ! node_at_least_18; then
    echo "install-test-tools: ERROR: node 18 or later is needed (fetch); Debian's nodejs gave $(node --version 2>&1)" >&2
    exit 1
fi
echo "install-test-tools: installed ${missing[*]} ($(/usr/bin/chromium --version 2>/dev/null || echo 'chromium version unknown'))"
install_axe
