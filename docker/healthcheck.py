#!/usr/bin/python3
"""The image's HEALTHCHECK: exits 0 when GET /_emulator/health on the configured host and port answers
{"status": "running"}, 1 otherwise (standard library only; python3 is in the image for Lambda)."""
import json
import os
import sys
import urllib.request

host = os.environ.get("EBS_EMULATOR_HOST", "0.0.0.0")
if host in ("", "0.0.0.0"):
    host = "127.0.0.1"
elif host == "::":
    host = "[::1]"
elif ":" in host and not host.startswith("["):
    host = f"[{host}]"
port = os.environ.get("EBS_EMULATOR_PORT", "4566")

try:
    with urllib.request.urlopen(f"http://{host}:{port}/_emulator/health", timeout=2) as response:
        status = json.load(response).get("status")
except Exception as error:  # any failure to answer is "unhealthy"
    print(f"unhealthy: {error}")
    sys.exit(1)
print(status)
sys.exit(0 if status == "running" else 1)
