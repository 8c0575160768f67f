#!/usr/bin/env bash
# The browser tests drive Debian's chromium (Playwright cannot download browsers here).
set -euo pipefail
chromium="${SAMEN_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then exit 0; fi
echo "Chromium is not installed; installing Debian's chromium package for the browser tests."
if [ "$(id -u)" = "0" ]; then sudo=""; else sudo="sudo"; fi
if command -v apt-get >/dev/null 2>&1; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
else
  echo "Install Chromium and set SAMEN_CHROMIUM to its path." >&2
  exit 1
fi
