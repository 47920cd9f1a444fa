#!/usr/bin/env bash
# Side-by-side HTTP proxy benchmark (method: ../shared/PERFORMANCE.md): the same host + path-prefix route to the same
# nginx upstream, through Switchyard and through nginx, each pinned to CPU 1, wrk and the upstream on CPU 0.
# Alternates A B A B over ROUNDS rounds and prints medians and the ratio. Usage: bench/http-vs-nginx.sh [gateway|ingress]
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-gateway}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-6s}
EXTRA_SERVE_ARGS=${EXTRA_SERVE_ARGS:-}

need=()
command -v nginx >/dev/null || need+=(nginx)
command -v wrk >/dev/null || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi

work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; [ -f "$work/up.pid" ] && kill "$(cat "$work/up.pid")" 2>/dev/null; [ -f "$work/px.pid" ] && kill "$(cat "$work/px.pid")" 2>/dev/null; rm -rf "$work"' EXIT

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
  serve_listen="--ingress-http 127.0.0.1:18083 --ingress-https off"
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

dotnet build -c Release src/Switchyard.Cli -o "$work/bin" -v q -nologo >/dev/null
taskset -c 0 nginx -c "$work/upstream.conf"
taskset -c 1 nginx -c "$work/proxy.conf"
# shellcheck disable=SC2086
taskset -c 1 "$work/bin/switchyard" serve -f "$work/manifests" --admin 127.0.0.1:18090 --no-watch $serve_listen $EXTRA_SERVE_ARGS > "$work/serve.log" 2>&1 &
for _ in $(seq 100); do curl -sf http://127.0.0.1:18090/readyz >/dev/null && break; sleep 0.1; done
curl -sf -H 'Host: bench.example.com' http://127.0.0.1:18083/app >/dev/null || { echo "switchyard does not route"; cat "$work/serve.log"; exit 1; }

run() { taskset -c 0 wrk -t1 -c64 -d"$DURATION" --latency -H 'Host: bench.example.com' "http://127.0.0.1:$1/app" 2>&1; }
rps() { awk '/Requests\/sec/ {print $2}'; }
p99() { awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "ceiling (upstream direct): $(run 18081 | rps) req/s"
run 18083 >/dev/null  # warm-up (JIT, connection pools)
: > "$work/sy" ; : > "$work/ng"
for r in $(seq "$ROUNDS"); do
  out=$(run 18083); echo "$out" | rps >> "$work/sy"; echo "$out" | p99 >> "$work/sy.p99"
  out=$(run 18082); echo "$out" | rps >> "$work/ng"; echo "$out" | p99 >> "$work/ng.p99"
  echo "round $r: switchyard $(tail -1 "$work/sy") req/s p99 $(tail -1 "$work/sy.p99") ms | nginx $(tail -1 "$work/ng") req/s p99 $(tail -1 "$work/ng.p99") ms"
done
sy=$(median < "$work/sy"); ng=$(median < "$work/ng"); syp=$(median < "$work/sy.p99"); ngp=$(median < "$work/ng.p99")
echo "median: switchyard $sy req/s (p99 $syp ms), nginx $ng req/s (p99 $ngp ms)"
awk -v a="$sy" -v b="$ng" -v c="$syp" -v d="$ngp" 'BEGIN {printf "ratio: throughput %.2fx nginx, p99 %.2fx nginx\n", a/b, c/d}'
