#!/usr/bin/env bash
# Lints docs/openapi.json with Spectral's spectral:oas ruleset; any warning fails.
# The tests keep docs/openapi.json equal to the document the service serves.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

spectral_version="6.16.3"
if ! command -v npx >/dev/null 2>&1; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "npx is missing: installing Debian's nodejs and npm packages." >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "npx is missing: install Node.js and npm, then run again." >&2
    exit 1
  fi
fi

npx --yes "@stoplight/spectral-cli@$spectral_version" lint docs/openapi.json --ruleset .spectral.yaml --fail-severity=warn
