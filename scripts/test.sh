#!/usr/bin/env bash
# Builds ebs-emulator and runs every test, installing what is missing first (Debian packages, the npm
# packages of the JavaScript SDK tests):
#   1. the release build: unit, integration and SDK tests (boto3, AWS CLI, JS SDK v3, aws-sdk v2);
#   2. the sanitizer build (ASan + UBSan): unit and integration tests;
#   3. the container test (docker/Dockerfile built and run with Podman), unless EBS_SKIP_CONTAINER=1.
# Set EBS_SKIP_SANITIZE=1 to skip step 2 while iterating.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh --test

jobs=${EBS_TEST_JOBS:-2}
cmake --preset release >/dev/null
cmake --build --preset release
ctest --preset release -j "$jobs"

if [[ ${EBS_SKIP_SANITIZE:-0} != 1 ]]; then
  cmake --preset sanitize >/dev/null
  cmake --build --preset sanitize
  ctest --preset sanitize -j "$jobs"
fi

if [[ ${EBS_SKIP_CONTAINER:-0} != 1 && -x tests/container/test_container.sh ]]; then
  tests/container/test_container.sh
fi
