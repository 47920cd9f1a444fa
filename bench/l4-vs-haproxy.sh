#!/usr/bin/env bash
# Side-by-side L4 (TCP) proxy benchmark (method: ../shared/PERFORMANCE.md): the same upstreams through the Switchyard
# Service proxy and through HAProxy in TCP mode, each pinned to CPU 1, load generators and upstreams on CPU 0.
# Three loads, alternated A B A B over ROUNDS rounds, medians and ratios printed:
#   keepalive: wrk -t1 -c64 over long-lived connections to nginx (relay cost per request, p99 latency)
#   connect:   wrk -t1 -c64 with "Connection: close" (accept + upstream connect per request)
#   stream:    iperf3, one stream for 5 s (bulk throughput)
# Switchyard runs as `switchyard serve --service-proxy` over manifests: two Services with loopback cluster IPs and the
# upstreams as their EndpointSlices (the same path a user gets). SERVE_ARGS adds arguments (e.g. --inline-io false).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-6s}
SERVE_ARGS=${SERVE_ARGS:-}

need=()
command -v haproxy >/dev/null || need+=(haproxy)
command -v nginx >/dev/null || need+=(nginx)
command -v wrk >/dev/null || need+=(wrk)
command -v iperf3 >/dev/null || need+=(iperf3)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/up.pid" ] && kill "$(cat "$work/up.pid")" 2>/dev/null
  [ -f "$work/ha.pid" ] && kill "$(cat "$work/ha.pid")" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# Upstreams on CPU 0: nginx answering 200 with keep-alive on :18181, an iperf3 server on :18185.
cat > "$work/upstream.conf" <<CONF
worker_processes 1; pid $work/up.pid; error_log $work/up.err; daemon on;
events { worker_connections 8192; }
http { access_log off; keepalive_requests 1000000;
  server { listen 127.0.0.1:18181 reuseport backlog=4096; location / { return 200 "ok\n"; } } }
CONF
taskset -c 0 nginx -c "$work/upstream.conf"
taskset -c 0 iperf3 -s -B 127.0.0.1 -p 18185 >/dev/null 2>&1 &
pids+=($!)

# HAProxy, one thread, TCP mode: :18192 -> nginx, :18195 -> iperf3.
cat > "$work/haproxy.cfg" <<CONF
global
  nbthread 1
  maxconn 8000
  pidfile $work/ha.pid
  daemon
defaults
  mode tcp
  timeout connect 5s
  timeout client 60s
  timeout server 60s
frontend web
  bind 127.0.0.1:18192
  default_backend web
backend web
  server nginx 127.0.0.1:18181
frontend stream
  bind 127.0.0.1:18195
  default_backend stream
backend stream
  server iperf 127.0.0.1:18185
CONF
taskset -c 1 haproxy -f "$work/haproxy.cfg"

# Switchyard Service proxy: 127.96.0.10:18193 -> nginx, 127.96.0.11:18196 -> iperf3 (ClusterIP Services).
mkdir -p "$work/manifests"
cat > "$work/manifests/l4.yaml" <<'YAML'
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  clusterIP: 127.96.0.10
  ports: [{name: web, port: 18193, targetPort: 18181}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-1, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
endpoints: [{addresses: [127.0.0.1], conditions: {ready: true}}]
ports: [{name: web, port: 18181, protocol: TCP}]
---
apiVersion: v1
kind: Service
metadata: {name: stream}
spec:
  clusterIP: 127.96.0.11
  ports: [{name: stream, port: 18196, targetPort: 18185}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: stream-1, labels: {kubernetes.io/service-name: stream}}
addressType: IPv4
endpoints: [{addresses: [127.0.0.1], conditions: {ready: true}}]
ports: [{name: stream, port: 18185, protocol: TCP}]
YAML
dotnet build -c Release src/Switchyard.Cli -o "$work/bin" -v q -nologo >/dev/null
# shellcheck disable=SC2086
taskset -c 1 "$work/bin/switchyard" serve -f "$work/manifests" --no-watch --service-proxy --dns off --ingress-http off \
  --ingress-https off --admin 127.0.0.1:18197 $SERVE_ARGS > "$work/sy.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf http://127.96.0.10:18193/ >/dev/null && break; sleep 0.1; done
curl -sf http://127.96.0.10:18193/ >/dev/null || { echo "switchyard does not forward"; cat "$work/sy.log"; exit 1; }
curl -sf http://127.0.0.1:18192/ >/dev/null || { echo "haproxy does not forward"; exit 1; }

wrk_keepalive() { taskset -c 0 wrk -t1 -c64 -d"$DURATION" --latency "http://$1/" 2>&1; }
wrk_connect() { taskset -c 0 wrk -t1 -c64 -d"$DURATION" --latency -H 'Connection: close' "http://$1/" 2>&1; }
stream() { taskset -c 0 iperf3 -c "${1%:*}" -p "${1##*:}" -t 5 -f m 2>&1 | awk '/receiver/ {print $(NF-2)}'; }
rps() { awk '/Requests\/sec/ {print $2}'; }
p99() { awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "ceiling (upstream direct): keepalive $(wrk_keepalive 127.0.0.1:18181 | rps) req/s, connect $(wrk_connect 127.0.0.1:18181 | rps) req/s, stream $(stream 127.0.0.1:18185) Mbit/s"
wrk_keepalive 127.96.0.10:18193 >/dev/null  # warm-up (JIT, tiered PGO)
wrk_connect 127.96.0.10:18193 >/dev/null

for f in ka_sy ka_ha ka_sy_p99 ka_ha_p99 cn_sy cn_ha cn_sy_p99 cn_ha_p99 st_sy st_ha; do : > "$work/$f"; done
for round in $(seq "$ROUNDS"); do
  out=$(wrk_keepalive 127.96.0.10:18193); echo "$out" | rps >> "$work/ka_sy"; echo "$out" | p99 >> "$work/ka_sy_p99"
  out=$(wrk_keepalive 127.0.0.1:18192); echo "$out" | rps >> "$work/ka_ha"; echo "$out" | p99 >> "$work/ka_ha_p99"
  out=$(wrk_connect 127.96.0.10:18193); echo "$out" | rps >> "$work/cn_sy"; echo "$out" | p99 >> "$work/cn_sy_p99"
  out=$(wrk_connect 127.0.0.1:18192); echo "$out" | rps >> "$work/cn_ha"; echo "$out" | p99 >> "$work/cn_ha_p99"
  stream 127.96.0.11:18196 >> "$work/st_sy"
  stream 127.0.0.1:18195 >> "$work/st_ha"
  echo "round $round: keepalive sy $(tail -1 "$work/ka_sy") ha $(tail -1 "$work/ka_ha") req/s;" \
    "connect sy $(tail -1 "$work/cn_sy") ha $(tail -1 "$work/cn_ha") req/s; stream sy $(tail -1 "$work/st_sy") ha $(tail -1 "$work/st_ha") Mbit/s"
done

m() { median < "$work/$1"; }
echo
echo "| load (median of $ROUNDS) | Switchyard | HAProxy 1 thread | ratio |"
echo "|---|---|---|---|"
echo "| keepalive req/s (wrk -c64) | $(m ka_sy) | $(m ka_ha) | $(ratio "$(m ka_sy)" "$(m ka_ha)")× |"
echo "| keepalive p99 ms | $(m ka_sy_p99) | $(m ka_ha_p99) | |"
echo "| new connection req/s (Connection: close) | $(m cn_sy) | $(m cn_ha) | $(ratio "$(m cn_sy)" "$(m cn_ha)")× |"
echo "| new connection p99 ms | $(m cn_sy_p99) | $(m cn_ha_p99) | |"
echo "| stream Mbit/s (iperf3, 1 stream) | $(m st_sy) | $(m st_ha) | $(ratio "$(m st_sy)" "$(m st_ha)")× |"
