#!/usr/bin/env bash
# The container test (scripts/test.sh runs it): builds docker/Dockerfile with Podman through
# ../shared/tools/container.sh and drives the image with boto3 (see container_test.py for the steps).
# Removes its containers and volume even when it fails or is interrupted; the last line is the summary.
set -euo pipefail
cd "$(dirname "$0")/../.."
export EBS_CONTAINER_RUN_ID=${EBS_CONTAINER_RUN_ID:-$$}

cleanup() {
  command -v podman >/dev/null 2>&1 || return 0
  local names
  names=$(podman ps -a --format '{{.Names}}' --filter "name=^ebs-ct-${EBS_CONTAINER_RUN_ID}-" || true)
  [[ -n $names ]] && podman --runtime runc rm -f -t 0 $names >/dev/null 2>&1 || true
  podman volume rm -f "ebs-ct-${EBS_CONTAINER_RUN_ID}-data" >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

python3 -c 'import boto3' 2>/dev/null || {
  echo "container test: FAIL (boto3 is missing: run scripts/ensure-deps.sh --test)"
  exit 1
}
python3 tests/container/container_test.py
