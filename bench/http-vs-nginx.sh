#!/usr/bin/env bash
# Side-by-side HTTP proxy benchmark (method: ../shared/PERFORMANCE.md): the same host + path-prefix route to the same
# nginx upstream, through Switchyard and through nginx, each pinned to CPU 1, wrk and the upstream on CPU 0.
# Alternates A B A B over ROUNDS rounds and prints medians, the ratio of the medians and the median of the per-round
# (per-pair) ratios. Usage: bench/http-vs-nginx.sh [gateway|ingress]
#
# Environment: ROUNDS (3), DURATION of a round (6s), WARMUP run against each server before the rounds (45s: JIT tiering
# and dynamic PGO on one core; after 20 s the tiering thread still took 6-12% of the CPU for two more rounds),
# EXTRA_SERVE_ARGS for `switchyard serve`, and B_SERVE_ARGS to run a second Switchyard with other arguments in the same
# alternation (A/B of two configurations, e.g. observability on against off; its ratio to A is printed too). Besides
# requests/s, p50 and p99, each round prints the CPU time the server used per request (user+system from /proc, all
# threads): on a shared machine that is steadier than requests/s.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-gateway}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-6s}
WARMUP=${WARMUP:-45s}
EXTRA_SERVE_ARGS=${EXTRA_SERVE_ARGS:-}
B_SERVE_ARGS=${B_SERVE_ARGS:-}

need=()
command -v nginx >/dev/null || need+=(nginx)
command -v wrk >/dev/null || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi

work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; [ -f "$work/sya.pid" ] && kill "$(cat "$work/sya.pid")" 2>/dev/null; [ -f "$work/syb.pid" ] && kill "$(cat "$work/syb.pid")" 2>/dev/null; [ -f "$work/up.pid" ] && kill "$(cat "$work/up.pid")" 2>/dev/null; [ -f "$work/px.pid" ] && kill "$(cat "$work/px.pid")" 2>/dev/null; rm -rf "$work"' EXIT

cat > "$work/upstream.conf" <<CONF
worker_processes 1; pid $work/up.pid; error_log $work/up.err; daemon on;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  server { listen 127.0.0.1:18081; location / { return 200 "ok\n"; } } }
CONF
cat > "$work/proxy.conf" <<CONF
worker_processes 1; pid $work/px.pid; error_log $work/px.err; daemon on;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  upstream app { server 127.0.0.1:18081; keepalive 128; }
  server { listen 127.0.0.1:18082; server_name bench.example.com;
    location /app { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; } } }
CONF
mkdir -p "$work/manifests"
if [ "$MODE" = ingress ]; then
  route=$(cat <<'YAML'
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: switchyard
  annotations: {ingressclass.kubernetes.io/is-default-class: "true"}
spec:
  controller: switchyard.dev/ingress-controller
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: bench}
spec:
  rules:
  - host: bench.example.com
    http:
      paths:
      - {path: /app, pathType: Prefix, backend: {service: {name: upstream, port: {number: 80}}}}
YAML
)
  serve_listen="--ingress-https off"
  listen_a="--ingress-http 127.0.0.1:18083"
  listen_b="--ingress-http 127.0.0.1:18084"
else
  route=$(cat <<'YAML'
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: switchyard}
spec: {controllerName: switchyard.dev/gateway-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: bench}
spec:
  gatewayClassName: switchyard
  listeners: [{name: http, protocol: HTTP, port: 18083}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: bench}
spec:
  parentRefs: [{name: bench}]
  hostnames: [bench.example.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /app}}]
    backendRefs: [{name: upstream, port: 80}]
YAML
)
  serve_listen="--bind-address 127.0.0.1"
  listen_a=""
  listen_b=""
fi
cat > "$work/manifests/bench.yaml" <<YAML
$route
---
apiVersion: v1
kind: Service
metadata: {name: upstream}
spec:
  ports: [{name: http, port: 80, targetPort: 18081}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: upstream-1
  labels: {kubernetes.io/service-name: upstream}
addressType: IPv4
endpoints: [{addresses: [127.0.0.1]}]
ports: [{name: http, port: 18081}]
YAML

mkdir -p "$work/manifests-b"
sed 's/port: 18083/port: 18084/' "$work/manifests/bench.yaml" > "$work/manifests-b/bench.yaml"

dotnet build -c Release src/Switchyard.Cli -o "$work/bin" -v q -nologo >/dev/null
taskset -c 0 nginx -c "$work/upstream.conf"
taskset -c 1 nginx -c "$work/proxy.conf"
# start NAME MANIFESTS ADMIN_PORT LISTEN_PORT ARGS...
start() {
  local name=$1 manifests=$2 admin=$3 port=$4; shift 4
  # shellcheck disable=SC2086
  taskset -c 1 "$work/bin/switchyard" serve -f "$manifests" --admin "127.0.0.1:$admin" --no-watch --dns off $serve_listen "$@" > "$work/$name.log" 2>&1 &
  echo $! > "$work/$name.pid"
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$admin/readyz" >/dev/null && break; sleep 0.1; done
  curl -sf -H 'Host: bench.example.com' "http://127.0.0.1:$port/app" >/dev/null || { echo "switchyard ($name) does not route"; cat "$work/$name.log"; exit 1; }
}
# shellcheck disable=SC2086
start sya "$work/manifests" 18090 18083 $listen_a $EXTRA_SERVE_ARGS
servers="sya:18083 ng:18082"
if [ -n "$B_SERVE_ARGS" ]; then
  # shellcheck disable=SC2086
  start syb "$work/manifests-b" 18091 18084 $listen_b $B_SERVE_ARGS
  servers="sya:18083 syb:18084 ng:18082"
fi
sleep 0.5
pgrep -P "$(cat "$work/px.pid")" > "$work/ng.pid"

run() { taskset -c 0 wrk -t1 -c64 -d"$2" --latency -H 'Host: bench.example.com' "http://127.0.0.1:$1/app" 2>&1; }
rps() { awk '/Requests\/sec/ {print $2}'; }
pct() { awk -v q="$1" '$1==q {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}'; }
p50() { pct 50%; }
p99() { pct 99%; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ticks() { local s=0 f; for p in $(cat "$work/$1.pid"); do read -r -a f < "/proc/$p/stat"; s=$((s + f[13] + f[14])); done; echo "$s"; }
label() { case $1 in sya) echo "switchyard";; syb) echo "switchyard-b";; ng) echo "nginx";; esac; }

echo "machine: $(nproc) cores, $(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ //'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "switchyard serve args: $serve_listen $listen_a $EXTRA_SERVE_ARGS${B_SERVE_ARGS:+ | switchyard-b: $serve_listen $listen_b $B_SERVE_ARGS}"
echo "ceiling (upstream direct): $(run 18081 "$DURATION" | rps) req/s"
for s in $servers; do run "${s##*:}" "$WARMUP" >/dev/null; done  # warm-up: JIT tiers, PGO, connection pools
: > "$work/pair.rps"; : > "$work/pair.p99"
for s in $servers; do : > "$work/${s%%:*}.rps"; : > "$work/${s%%:*}.p99"; : > "$work/${s%%:*}.p50"; : > "$work/${s%%:*}.cpu"; done
for r in $(seq "$ROUNDS"); do
  line="round $r:"
  for s in $servers; do
    name=${s%%:*}
    before=$(ticks "$name"); out=$(run "${s##*:}" "$DURATION"); after=$(ticks "$name")
    echo "$out" | rps >> "$work/$name.rps"; echo "$out" | p99 >> "$work/$name.p99"; echo "$out" | p50 >> "$work/$name.p50"
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.1f\n", t / hz * 1e6 / n}' >> "$work/$name.cpu"
    line="$line $(label "$name") $(tail -1 "$work/$name.rps") req/s p50 $(tail -1 "$work/$name.p50") p99 $(tail -1 "$work/$name.p99") ms cpu $(tail -1 "$work/$name.cpu") us/req |"
  done
  # The method's ratio per pair: the two servers of one round ran seconds apart, under the same host load.
  pair=$(awk -v a="$(tail -1 "$work/sya.rps")" -v b="$(tail -1 "$work/ng.rps")" -v c="$(tail -1 "$work/sya.p99")" -v d="$(tail -1 "$work/ng.p99")" \
    'BEGIN {printf "%.3f %.3f", a/b, c/d}')
  echo "${pair% *}" >> "$work/pair.rps"; echo "${pair#* }" >> "$work/pair.p99"
  echo "${line% |} | pair ratio $(echo "$pair" | awk '{printf "%.2fx, p99 %.2fx", $1, $2}')"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
for s in $servers; do
  name=${s%%:*}
  echo "median $(label "$name"): $(median < "$work/$name.rps") req/s, p50 $(median < "$work/$name.p50") ms, p99 $(median < "$work/$name.p99") ms, cpu $(median < "$work/$name.cpu") us/req"
done
ratio() {
  awk -v a="$(median < "$work/$1.rps")" -v b="$(median < "$work/$2.rps")" -v c="$(median < "$work/$1.p99")" -v d="$(median < "$work/$2.p99")" \
    -v g="$(median < "$work/$1.p50")" -v h="$(median < "$work/$2.p50")" \
    -v e="$(median < "$work/$1.cpu")" -v f="$(median < "$work/$2.cpu")" -v x="$(label "$1")" -v y="$(label "$2")" \
    'BEGIN {printf "ratio %s/%s: throughput %.2fx, p50 %.2fx, p99 %.2fx, cpu per request %.2fx\n", x, y, a/b, g/h, c/d, e/f}'
}
ratio sya ng
echo "median of the per-pair ratios switchyard/nginx: throughput $(median < "$work/pair.rps" | awk '{printf "%.2f", $1}')x, p99 $(median < "$work/pair.p99" | awk '{printf "%.2f", $1}')x"
if [ -n "$B_SERVE_ARGS" ]; then ratio syb ng; ratio syb sya; fi
