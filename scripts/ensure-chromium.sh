#!/usr/bin/env bash
# Makes sure headless Chromium is installed (for the HTML timeline test); installs the Debian
# package when /usr/bin/chromium is missing. Prints the browser's path.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq chromium >&2
fi
echo /usr/bin/chromium
