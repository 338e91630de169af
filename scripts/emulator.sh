#!/usr/bin/env bash
# Installs, starts and stops the LocalStack Step Functions emulator used by the tests.
#
#   scripts/emulator.sh install        create .emulator/venv with the known-good versions
#   scripts/emulator.sh start [PORT]   start it on 127.0.0.1:PORT (default 4566), wait until ready,
#                                      print the endpoint URL
#   scripts/emulator.sh stop           stop the instance started by `start`
#
# Everything lives under .emulator/ in the repository (git-ignored); nothing depends on what a
# previous session left on the machine beyond that folder, which `install` checks and repairs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${SFN_LEDGER_EMULATOR_DIR:-$root/.emulator}"
venv="$dir/venv"
python="${PYTHON:-python3}"
packages=(
  'localstack-core[runtime]==4.9.2'
  'cbor2==5.6.5'
  'cryptography==43.0.3'
  'pyopenssl==24.2.1'
  'service-identity==24.2.0'
)

install() {
  mkdir -p "$dir"
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import localstack, boto3' 2>/dev/null \
    && [ -f "$venv/.complete" ]; then
    return 0
  fi
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${packages[@]}"
  touch "$venv/.complete"
}

start() {
  local port="${1:-4566}"
  install
  local state="$dir/run-$port"
  mkdir -p "$state"
  if [ -f "$state/pid" ] && kill -0 "$(cat "$state/pid")" 2>/dev/null; then
    stop "$port"
  fi
  (
    cd "$state"
    GATEWAY_LISTEN="127.0.0.1:$port" SERVICES=stepfunctions DNS_ADDRESS=0 \
      LOCALSTACK_VOLUME_DIR="$state/volume" FILESYSTEM_ROOT="$state/fs" \
      SFN_MOCK_CONFIG= SKIP_SSL_CERT_DOWNLOAD=1 DISABLE_EVENTS=1 \
      setsid "$venv/bin/python" -m localstack.runtime.main >"$state/log" 2>&1 &
    echo $! >"$state/pid"
  )
  local url="http://127.0.0.1:$port"
  for _ in $(seq 1 240); do
    if curl -fsS "$url/_localstack/health" 2>/dev/null | grep -q '"stepfunctions"'; then
      echo "$url"
      return 0
    fi
    if ! kill -0 "$(cat "$state/pid")" 2>/dev/null; then
      echo "emulator exited during start; log follows" >&2
      tail -n 40 "$state/log" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "emulator did not become ready within 120 s; log follows" >&2
  tail -n 40 "$state/log" >&2
  return 1
}

stop() {
  local port="${1:-4566}"
  local state="$dir/run-$port"
  [ -f "$state/pid" ] || return 0
  local pid
  pid="$(cat "$state/pid")"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$state/pid"
}

case "${1:-}" in
  install) install ;;
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: $0 install|start [PORT]|stop [PORT]" >&2; exit 2 ;;
esac
