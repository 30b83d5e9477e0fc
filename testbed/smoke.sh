#!/usr/bin/env bash
# Smoke test of a running test bed (npm run testbed:up first): fake nodes are there, the real
# scheduler places a Deployment and kwok runs it, a too-big pod stays Pending with the real
# scheduler's FailedScheduling event, the permission-test users are limited, the fault proxy works.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
set +e
KC="$STATE_DIR/kubeconfig"
[[ -f "$KC" ]] || die "the test bed is not up ($KC missing): run 'npm run testbed:up' first"
KUBECTL="$K8S_BIN/kubectl"; [[ -x "$KUBECTL" ]] || KUBECTL=kubectl
k() { "$KUBECTL" --kubeconfig "$KC" "$@"; }
NS="smoke-$$"
pass=0; fail=0
ok()   { pass=$((pass + 1)); printf '  ok    %s\n' "$*"; }
bad()  { fail=$((fail + 1)); printf '  FAIL  %s\n' "$*"; }
check() { local what="$1"; shift; if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi; }
poll() { # seconds command...
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@" >/dev/null 2>&1; do (( $(date +%s) < deadline )) || return 1; sleep 0.5; done
}
t0=$(now_ms)
echo "smoke test of the shipshape test bed ($KC)"

# 1. server version and fake nodes
ver="$(k get --raw /version | jq -r .gitVersion)"
[[ "$ver" == "$K8S_VERSION" ]] && ok "/version reports $ver" || bad "/version reports '$ver', expected $K8S_VERSION"
nodes="$(k get nodes -l testbed.shipshape.dev/managed=true --no-headers | awk '$2 == "Ready"' | wc -l)"
(( nodes >= 1 )) && ok "kubectl get nodes: $nodes Ready kwok nodes" || bad "no Ready kwok nodes"
k get nodes -o wide | head -6 | sed 's/^/      /'

# 2. a Deployment placed by the real scheduler and run by kwok
k create namespace "$NS" >/dev/null
k -n "$NS" apply -f - >/dev/null <<'DEPLOY'
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: ghcr.io/shipshape/web:2.3.1
        resources: {requests: {cpu: 100m, memory: 128Mi}}
DEPLOY
if poll 60 bash -c "[[ \$('$KUBECTL' --kubeconfig '$KC' -n $NS get deploy web -o jsonpath='{.status.readyReplicas}') == 3 ]]"; then
  ok "Deployment web: 3/3 replicas Ready"
else bad "Deployment web did not become Ready"; k -n "$NS" get pods -o wide; fi
running="$(k -n "$NS" get pods -l app=web --field-selector=status.phase=Running --no-headers | wc -l)"
(( running == 3 )) && ok "3 pods Running (kwok)" || bad "$running pods Running, expected 3"
sched="$(k -n "$NS" get events --field-selector reason=Scheduled -o json | jq -r '[.items[] | select(.reportingComponent == "default-scheduler" or .source.component == "default-scheduler")] | length')"
(( sched >= 3 )) && ok "$sched Scheduled events from default-scheduler" || bad "only $sched Scheduled events from default-scheduler"
k -n "$NS" get pods -o wide | sed 's/^/      /'

# 3. a pod too big for any node: Pending, FailedScheduling from the real scheduler
k -n "$NS" apply -f - >/dev/null <<'POD'
apiVersion: v1
kind: Pod
metadata: {name: too-big}
spec:
  containers:
  - name: app
    image: ghcr.io/shipshape/batch:1.0.0
    resources: {requests: {cpu: "64", memory: 512Gi}}
POD
if poll 60 bash -c "'$KUBECTL' --kubeconfig '$KC' -n $NS get events --field-selector involvedObject.name=too-big,reason=FailedScheduling -o name | grep -q ."; then
  msg="$(k -n "$NS" get events --field-selector involvedObject.name=too-big,reason=FailedScheduling -o jsonpath='{.items[-1].message}')"
  src="$(k -n "$NS" get events --field-selector involvedObject.name=too-big,reason=FailedScheduling -o jsonpath='{.items[-1].reportingComponent}')"
  ok "FailedScheduling from $src: $msg"
  [[ "$msg" == *"Insufficient cpu"* && "$msg" == *"Insufficient memory"* ]] && ok "the message names Insufficient cpu and memory" || bad "unexpected message: $msg"
else bad "no FailedScheduling event for too-big"; fi
phase="$(k -n "$NS" get pod too-big -o jsonpath='{.status.phase}')"
[[ "$phase" == Pending ]] && ok "too-big stays Pending" || bad "too-big is $phase"

# 4. permission-test users
check "viewer can list nodes"             k --context viewer get nodes
check "viewer can list pods everywhere"   k --context viewer get pods -A
check "viewer can NOT read secrets"       bash -c "! '$KUBECTL' --kubeconfig '$KC' --context viewer -n default get secrets 2>&1 | grep -qv Forbidden"
[[ "$(k --context viewer auth can-i get secrets -A 2>/dev/null)" == no ]] && ok "viewer: can-i get secrets = no" || bad "viewer may read secrets"
[[ "$(k --context ns-editor auth can-i create deployments -n shipshape-team 2>/dev/null)" == yes ]] && ok "ns-editor: can create deployments in shipshape-team" || bad "ns-editor cannot create in shipshape-team"
[[ "$(k --context ns-editor auth can-i list pods -n default 2>/dev/null)" == no ]] && ok "ns-editor: can NOT list pods in default" || bad "ns-editor can list pods in default"
[[ "$(k --context ns-editor auth can-i list nodes 2>/dev/null)" == no ]] && ok "ns-editor: can NOT list nodes" || bad "ns-editor can list nodes"

# 5. fault proxy (started by up.sh when a TypeScript-capable Node exists)
if [[ -f "$STATE_DIR/pids/fault-proxy.pid" ]]; then
  source "$STATE_DIR/ports.env"
  ctl="https://127.0.0.1:$FAULT_PROXY_PORT/__fault"; ca="$STATE_DIR/pki/ca.crt"
  check "faulty context passes requests through" k --context faulty get namespaces
  curl -sf --cacert "$ca" -X PUT -d '{"every500": 1}' "$ctl" >/dev/null
  if k --context faulty get namespaces --request-timeout=10s >/dev/null 2>&1; then bad "every500=1 did not fail the request"; else ok "every500=1: kubectl sees the injected 500"; fi
  curl -sf --cacert "$ca" -X PUT -d '{"every429": 2, "retryAfterSeconds": 0}' "$ctl" >/dev/null
  check "every429=2: first request passes" k --context faulty get namespaces
  check "every429=2: second gets 429, client-go retries and succeeds" k --context faulty get pods -A
  curl -sf --cacert "$ca" -X PUT -d '{}' "$ctl" >/dev/null
  stats="$(curl -sf --cacert "$ca" "$ctl" | jq -c .stats)"
  [[ "$(jq .throttled429 <<<"$stats")" -ge 1 ]] && ok "proxy stats: $stats" || bad "proxy stats: $stats"
else
  echo "  skip  fault proxy (not started: no Node >= 22.18 found by up.sh)"
fi

k delete namespace "$NS" --wait=false >/dev/null 2>&1
echo "smoke: $(fmt_secs $(( $(now_ms) - t0 )))"
echo "smoke: $pass passed, $fail failed"
(( fail == 0 ))
