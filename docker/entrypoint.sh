#!/bin/sh
# Container entrypoint (run by tini, PID 1): loads /fixtures when it holds anything (unless
# EBS_EMULATOR_FIXTURES says otherwise), then replaces itself with ebs-emulator, so that tini hands
# `docker stop`'s SIGTERM straight to the server. Arguments that start with `-` are emulator flags
# (`docker run IMAGE --log-level debug`); anything else is run as a command (`docker run IMAGE sh`).
set -eu

if [ -z "${EBS_EMULATOR_FIXTURES:-}" ] && [ -d /fixtures ] && [ -n "$(ls -A /fixtures)" ]; then
  export EBS_EMULATOR_FIXTURES=/fixtures
fi

case "${1:-}" in
  "" | -*) exec /usr/local/bin/ebs-emulator "$@" ;;
  *) exec "$@" ;;
esac
