#!/usr/bin/env bash
# Installs what building, running and testing ebs-emulator needs on Debian 12, when it is missing:
# Debian packages (compiler, CMake, Boost 1.81, SQLite, ...) and, with --test, the npm packages of the
# JavaScript SDK tests. Safe to run again: it installs only what is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[[ ${1:-} == --test ]] && want_tests=1
SUDO=""
[[ $(id -u) -ne 0 ]] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

packages=(build-essential cmake pkg-config git ca-certificates
  libboost1.81-dev libboost-url1.81-dev nlohmann-json3-dev libsqlite3-dev libspdlog-dev
  libcli11-dev nettle-dev uuid-dev libzip-dev libminizip-dev zlib1g-dev libgtest-dev libgmock-dev libbenchmark-dev
  zip unzip curl)
# Tools that may come from elsewhere than Debian (e.g. Node.js from NodeSource): checked by command.
command -v python3 >/dev/null 2>&1 || packages+=(python3)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
if ((want_tests)); then
  packages+=(clang-format wrk nginx-light)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "ensure-deps: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# boto3: the demo fixture's Lambda function (Python) and the Python SDK tests use it (this machine
# image ships it; Debian's python3-boto3 is the fallback on a bare Debian 12).
if ! python3 -c "import boto3" 2>/dev/null; then
  $SUDO apt-get install -y -qq --no-install-recommends python3-boto3 >/dev/null
fi

if ((want_tests)); then
  if ! python3 -c "import jsonschema" 2>/dev/null; then
    $SUDO apt-get install -y -qq --no-install-recommends python3-jsonschema >/dev/null
  fi
  if ! command -v aws >/dev/null 2>&1; then
    $SUDO apt-get install -y -qq --no-install-recommends awscli >/dev/null
  fi
  if [[ ! -d tests/sdk/js/node_modules/@aws-sdk/client-ec2 ]]; then
    echo "ensure-deps: npm install (tests/sdk/js)" >&2
    (cd tests/sdk/js && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
