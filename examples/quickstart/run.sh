#!/usr/bin/env bash
# Runs the quickstart: three echo backends and the gateway serving this folder's manifests.
# Ctrl-C stops everything.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
out="$root/artifacts/quickstart"
dotnet build "$root/src/Switchyard.Cli" -c Release -o "$out" -nologo -v q
switchyard="$out/switchyard"

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
"$switchyard" echo --listen 127.0.0.1:9081 --name web-v1 & pids+=($!)
"$switchyard" echo --listen 127.0.0.1:9082 --name web-v2 & pids+=($!)
"$switchyard" echo --listen 127.0.0.1:9083 --name api & pids+=($!)
"$switchyard" serve -f "$here" --bind-address 127.0.0.1 "$@"
