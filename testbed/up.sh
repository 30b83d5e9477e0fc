#!/usr/bin/env bash
# Starts the shipshape test bed: etcd, kube-apiserver, kube-controller-manager, kube-scheduler and
# the kwok controller (fake nodes + kubelets), all on 127.0.0.1, plus the fault proxy when a
# TypeScript-capable Node is available. Writes .testbed/kubeconfig.
#   bash testbed/up.sh [--nodes N] [--timeout SECONDS]
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$TESTBED_DIR/lib/pki.sh"
source "$TESTBED_DIR/lib/ports.sh"

NODES="${SHIPSHAPE_TESTBED_NODES:-5}"
TIMEOUT="${SHIPSHAPE_TESTBED_TIMEOUT:-}"
while (( $# )); do
  case "$1" in
    --nodes) NODES="${2:?--nodes needs a number}"; shift 2;;
    --nodes=*) NODES="${1#*=}"; shift;;
    --timeout) TIMEOUT="${2:?}"; shift 2;;
    --timeout=*) TIMEOUT="${1#*=}"; shift;;
    -h|--help) sed -n '2,6p' "$0"; exit 0;;
    *) die "unknown argument: $1 (usage: up.sh [--nodes N] [--timeout SECONDS])";;
  esac
done
[[ "$NODES" =~ ^[0-9]+$ ]] || die "--nodes must be a non-negative integer, got '$NODES'"
[[ -n "$TIMEOUT" ]] || TIMEOUT=$(( 120 + NODES / 25 ))   # big fleets need longer
[[ "$TIMEOUT" =~ ^[0-9]+$ ]] || die "--timeout must be a number of seconds, got '$TIMEOUT'"

PIDS="$STATE_DIR/pids"; LOGS="$STATE_DIR/logs"; PKI="$STATE_DIR/pki"
KUBECONFIG_OUT="$STATE_DIR/kubeconfig"

# ---- one up/down at a time per state dir (parallel test runners may all call up) -------------
mkdir -p "$STATE_DIR"
exec 9>"$STATE_DIR/.lock"
if ! flock -n 9; then
  log "another testbed up/down is running for $STATE_DIR: waiting for it to finish"
  flock -w $(( TIMEOUT + 900 )) 9 || die "gave up waiting for the other testbed up/down (lock $STATE_DIR/.lock)"
fi

# ---- already running? ------------------------------------------------------------------------
if [[ -f "$STATE_DIR/ports.env" && -f "$KUBECONFIG_OUT" && -f "$PIDS/kube-apiserver.pid" ]] \
   && kill -0 "$(cat "$PIDS/kube-apiserver.pid")" 2>/dev/null; then
  log "test bed is already up (kubeconfig: $KUBECONFIG_OUT); run 'npm run testbed:down' first to restart it"
  exit 0
fi
if compgen -G "$PIDS/*.pid" >/dev/null; then
  log "cleaning up leftovers of a previous run"
  bash "$TESTBED_DIR/down.sh" --quiet --locked || true
fi

# ---- binaries ----------------------------------------------------------------------------------
if ! binaries_present; then
  log "binaries missing from $CACHE_ROOT: building them first"
  bash "$TESTBED_DIR/build.sh"
fi
KUBECTL="$K8S_BIN/kubectl"

t0=$(now_ms)
mkdir -p "$PIDS" "$LOGS"
rm -rf "$STATE_DIR/etcd-data" "$STATE_DIR/run"; mkdir -p "$STATE_DIR/run"
rm -f "$LOGS"/*.log "$KUBECONFIG_OUT"
make_pki "$PKI"
T_PKI=$(now_ms)

# ---- ports (fixed ones may be given in the environment) ----------------------------------------
pick_port ETCD_PORT etcd "${SHIPSHAPE_TESTBED_ETCD_PORT:-}"
pick_port ETCD_PEER_PORT etcd-peer "${SHIPSHAPE_TESTBED_ETCD_PEER_PORT:-}"
pick_port APISERVER_PORT kube-apiserver "${SHIPSHAPE_TESTBED_APISERVER_PORT:-}"
pick_port KCM_PORT kube-controller-manager "${SHIPSHAPE_TESTBED_KCM_PORT:-}"
pick_port SCHEDULER_PORT kube-scheduler "${SHIPSHAPE_TESTBED_SCHEDULER_PORT:-}"
pick_port KWOK_PORT kwok "${SHIPSHAPE_TESTBED_KWOK_PORT:-}"
pick_port FAULT_PROXY_PORT fault-proxy "${SHIPSHAPE_TESTBED_FAULT_PROXY_PORT:-}"
cat > "$STATE_DIR/ports.env" <<PORTS
ETCD_PORT=$ETCD_PORT
ETCD_PEER_PORT=$ETCD_PEER_PORT
APISERVER_PORT=$APISERVER_PORT
KCM_PORT=$KCM_PORT
SCHEDULER_PORT=$SCHEDULER_PORT
KWOK_PORT=$KWOK_PORT
FAULT_PROXY_PORT=$FAULT_PROXY_PORT
PORTS

# ---- failure handling: tear down whatever started, show the culprit's log --------------------
CURRENT=""
on_fail() {
  local rc=$?
  trap - ERR EXIT
  (( rc == 0 )) && return 0
  log "startup FAILED (exit $rc) while waiting for: ${CURRENT:-?}"
  if [[ -n "$CURRENT" && -f "$LOGS/$CURRENT.log" ]]; then
    log "last lines of $LOGS/$CURRENT.log:"; tail -n 25 "$LOGS/$CURRENT.log" | sed 's/^/    /' >&2
  fi
  log "stopping the components that did start (logs are kept in $LOGS)"
  bash "$TESTBED_DIR/down.sh" --quiet --keep-logs --locked || true
  exit "$rc"
}
trap on_fail EXIT
trap 'exit 130' INT TERM   # interrupted: still stop what was started

start() { # name binary args...
  local name="$1" bin="$2"; shift 2
  [[ -x "$bin" ]] || die "$name: binary $bin is missing"
  setsid "$bin" "$@" </dev/null >"$LOGS/$name.log" 2>&1 9>&- &
  echo $! > "$PIDS/$name.pid"
  printf '%s\n' "$bin" > "$PIDS/$name.exe"
}

alive_or_die() {
  local name="$1" pid
  pid="$(cat "$PIDS/$name.pid")"
  kill -0 "$pid" 2>/dev/null || { CURRENT="$name"; die "$name (pid $pid) exited during startup"; }
}

wait_for() { # name description command...
  local name="$1" what="$2"; shift 2
  CURRENT="$name"
  local deadline=$(( $(date +%s) + TIMEOUT ))
  until "$@" >/dev/null 2>&1; do
    alive_or_die "$name"
    (( $(date +%s) < deadline )) || die "timed out after ${TIMEOUT}s waiting for $what"
    sleep "${POLL:-0.3}"
  done
}

kubeconfig_file() { # file server user cert key
  cat > "$1" <<KC
apiVersion: v1
kind: Config
clusters:
- name: testbed
  cluster:
    server: $2
    certificate-authority: $PKI/ca.crt
users:
- name: $3
  user:
    client-certificate: $PKI/$4.crt
    client-key: $PKI/$4.key
contexts:
- name: default
  context: {cluster: testbed, user: $3}
current-context: default
KC
}

API="https://127.0.0.1:$APISERVER_PORT"
RUN="$STATE_DIR/run"
kubeconfig_file "$RUN/controller-manager.kubeconfig" "$API" system:kube-controller-manager controller-manager
kubeconfig_file "$RUN/scheduler.kubeconfig" "$API" system:kube-scheduler scheduler
kubeconfig_file "$RUN/kwok.kubeconfig" "$API" kwok-controller kwok
kubeconfig_file "$RUN/admin.kubeconfig" "$API" shipshape-admin admin
ADMIN_TOKEN="$(openssl rand -hex 24)"; VIEWER_TOKEN="$(openssl rand -hex 24)"; EDITOR_TOKEN="$(openssl rand -hex 24)"
cat > "$RUN/tokens.csv" <<TOK
$ADMIN_TOKEN,shipshape-admin-token,shipshape-admin-token,system:masters
$VIEWER_TOKEN,shipshape-viewer-token,shipshape-viewer-token,shipshape:viewers
$EDITOR_TOKEN,shipshape-ns-editor-token,shipshape-ns-editor-token,shipshape:team
TOK
chmod 600 "$RUN/tokens.csv"
declare -A T_START T_READY
# kwok renews node Leases every LEASE_SECONDS/4; the node-lifecycle controller marks a node
# Unknown after GRACE without a renewal. Short for small fleets (fast NotReady scenarios), longer
# for big ones so thousands of renewals do not swamp 2 cores.
if (( NODES > 100 )); then LEASE_SECONDS=160; GRACE=60s; else LEASE_SECONDS=40; GRACE=20s; fi

# ---- etcd ----------------------------------------------------------------------------------------
T_START[etcd]=$(now_ms)
start etcd "$ETCD_BIN/etcd" \
  --name testbed --data-dir "$STATE_DIR/etcd-data" \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "testbed=http://127.0.0.1:$ETCD_PEER_PORT" --initial-cluster-state new \
  --unsafe-no-fsync --quota-backend-bytes 4294967296 --log-level warn
wait_for etcd "etcd /health" curl -sf "http://127.0.0.1:$ETCD_PORT/health"
T_READY[etcd]=$(now_ms)

# ---- kube-apiserver -----------------------------------------------------------------------------
T_START[kube-apiserver]=$(now_ms)
start kube-apiserver "$K8S_BIN/kube-apiserver" \
  --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$APISERVER_PORT" \
  --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
  --authorization-mode Node,RBAC --anonymous-auth=false \
  --client-ca-file "$PKI/ca.crt" --token-auth-file "$RUN/tokens.csv" \
  --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
  --service-account-issuer https://kubernetes.default.svc.cluster.local \
  --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
  --service-cluster-ip-range 10.96.0.0/16 --allow-privileged=true \
  --cert-dir "$RUN/apiserver-certs" --profiling=false --event-ttl 2h \
  --v 1
wait_for kube-apiserver "kube-apiserver /readyz" \
  curl -sf --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" "$API/readyz"
T_READY[kube-apiserver]=$(now_ms)

# ---- controller-manager, scheduler -------------------------------------------------------------
T_START[kube-controller-manager]=$(now_ms)
start kube-controller-manager "$K8S_BIN/kube-controller-manager" \
  --kubeconfig "$RUN/controller-manager.kubeconfig" \
  --authentication-kubeconfig "$RUN/controller-manager.kubeconfig" \
  --authorization-kubeconfig "$RUN/controller-manager.kubeconfig" \
  --bind-address 127.0.0.1 --secure-port "$KCM_PORT" --cert-dir "$RUN/kcm-certs" \
  --leader-elect=false --use-service-account-credentials=true \
  --service-account-private-key-file "$PKI/sa.key" --root-ca-file "$PKI/ca.crt" \
  --cluster-signing-cert-file "$PKI/ca.crt" --cluster-signing-key-file "$PKI/ca.key" \
  --node-monitor-grace-period "$GRACE" --node-monitor-period 2s \
  --kube-api-qps 1000 --kube-api-burst 2000 \
  --profiling=false --v 1
T_START[kube-scheduler]=$(now_ms)
start kube-scheduler "$K8S_BIN/kube-scheduler" \
  --kubeconfig "$RUN/scheduler.kubeconfig" \
  --authentication-kubeconfig "$RUN/scheduler.kubeconfig" \
  --authorization-kubeconfig "$RUN/scheduler.kubeconfig" \
  --bind-address 127.0.0.1 --secure-port "$SCHEDULER_PORT" --cert-dir "$RUN/scheduler-certs" \
  --leader-elect=false --profiling=false --kube-api-qps 1000 --kube-api-burst 2000 --v 1

# ---- kwok: fake nodes and kubelets, driven by our Stages -------------------------------------
{
  cat <<KWOKCONF
apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokConfiguration
options:
  nodeLeaseParallelism: $(( NODES > 200 ? 16 : 4 ))
  nodePlayStageParallelism: $(( NODES > 200 ? 16 : 4 ))
  podPlayStageParallelism: 8
  # The kubelet-like endpoints (/containerLogs/…) behind pods/log; off unless asked for here.
  enableDebuggingHandlers: true
---
KWOKCONF
  for f in "$TESTBED_DIR"/stages/*.yaml; do cat "$f"; printf '\n---\n'; done
  # Container logs (pods/log): kwok serves these files, in CRI log format, for every container named
  # "checkout". The API server only reaches kwok for pods on a node whose address is 127.0.0.1 and
  # whose kubelet port is kwok's (scenarios.ts crashLoopWithLogs creates one); the fleet's nodes
  # have unresolvable host names, as an unreachable kubelet would.
  cat <<KWOKLOGS
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: testbed-checkout-logs
spec:
  logs:
  - containers: [checkout]
    logsFile: $TESTBED_DIR/pod-logs/current.cri
    previousLogsFile: $TESTBED_DIR/pod-logs/previous.cri
---
KWOKLOGS
} > "$RUN/kwok-stages.yaml"
T_START[kwok]=$(now_ms)
start kwok "$KWOK_BIN/kwok" \
  --kubeconfig "$RUN/kwok.kubeconfig" --config "$RUN/kwok-stages.yaml" \
  --manage-nodes-with-label-selector "testbed.shipshape.dev/managed=true" \
  --node-lease-duration-seconds "$LEASE_SECONDS" \
  --server-address "127.0.0.1:$KWOK_PORT" --node-ip 10.244.0.1 --cidr 10.244.0.0/16 \
  --v "${SHIPSHAPE_TESTBED_KWOK_LOG_LEVEL:-WARN}"

wait_for kube-controller-manager "kube-controller-manager /healthz" curl -skf "https://127.0.0.1:$KCM_PORT/healthz"
T_READY[kube-controller-manager]=$(now_ms)
wait_for kube-scheduler "kube-scheduler /healthz" curl -skf "https://127.0.0.1:$SCHEDULER_PORT/healthz"
T_READY[kube-scheduler]=$(now_ms)
wait_for kwok "kwok /healthz" curl -sf "http://127.0.0.1:$KWOK_PORT/healthz"
T_READY[kwok]=$(now_ms)

# ---- the user-facing kubeconfig ---------------------------------------------------------------
b64() { base64 -w0 < "$1"; }
cat > "$KUBECONFIG_OUT" <<KC
# Written by testbed/up.sh — the shipshape test bed (valid until 'npm run testbed:down').
apiVersion: v1
kind: Config
clusters:
- name: testbed
  cluster:
    server: $API
    certificate-authority-data: $(b64 "$PKI/ca.crt")
- name: testbed-fault-proxy
  cluster:
    server: https://127.0.0.1:$FAULT_PROXY_PORT
    certificate-authority-data: $(b64 "$PKI/ca.crt")
users:
- name: admin
  user:
    client-certificate-data: $(b64 "$PKI/admin.crt")
    client-key-data: $(b64 "$PKI/admin.key")
- name: viewer
  user:
    client-certificate-data: $(b64 "$PKI/viewer.crt")
    client-key-data: $(b64 "$PKI/viewer.key")
- name: ns-editor
  user:
    client-certificate-data: $(b64 "$PKI/ns-editor.crt")
    client-key-data: $(b64 "$PKI/ns-editor.key")
- name: admin-token
  user:
    token: $ADMIN_TOKEN
- name: viewer-token
  user:
    token: $VIEWER_TOKEN
- name: ns-editor-token
  user:
    token: $EDITOR_TOKEN
contexts:
- name: admin
  context: {cluster: testbed, user: admin, namespace: default}
- name: viewer
  context: {cluster: testbed, user: viewer, namespace: default}
- name: ns-editor
  context: {cluster: testbed, user: ns-editor, namespace: shipshape-team}
- name: faulty
  context: {cluster: testbed-fault-proxy, user: admin-token, namespace: default}
- name: faulty-viewer
  context: {cluster: testbed-fault-proxy, user: viewer-token, namespace: default}
current-context: admin
KC
chmod 600 "$KUBECONFIG_OUT"
K=("$KUBECTL" --kubeconfig "$KUBECONFIG_OUT" --context admin)

CURRENT=kube-apiserver
"${K[@]}" apply -f "$TESTBED_DIR/manifests/rbac.yaml" >/dev/null

# ---- fake nodes -----------------------------------------------------------------------------
CURRENT=kwok
T_NODES=$(now_ms)
if (( NODES > 0 )); then
  # Several parallel creators for big fleets.
  parts=$(( NODES > 200 ? 4 : 1 )); per=$(( (NODES + parts - 1) / parts )); creators=()
  for (( p = 0; p < parts; p++ )); do
    first=$(( p * per )); count=$(( NODES - first < per ? NODES - first : per ))
    (( count > 0 )) || continue
    bash "$TESTBED_DIR/lib/nodes.sh" "$count" "$first" > "$RUN/nodes-$p.yaml"
    "${K[@]}" create -f "$RUN/nodes-$p.yaml" >"$LOGS/nodes-$p.log" 2>&1 &
    creators+=($!)
  done
  for c in "${creators[@]}"; do
    wait "$c" || die "creating the fake nodes failed: $(cat "$LOGS"/nodes-*.log | grep -v created | head -5)"
  done
fi

POLL=$(( NODES > 200 ? 2 : 0 )).3 wait_for kwok "$NODES Ready nodes" bash -c "[[ \$(\"${KUBECTL}\" --kubeconfig '$KUBECONFIG_OUT' get nodes -l testbed.shipshape.dev/managed=true --no-headers 2>/dev/null | awk '\$2 == \"Ready\"' | wc -l) -ge $NODES ]]"
T_NODES_DONE=$(now_ms)
wait_for kube-controller-manager "the default ServiceAccount" "${K[@]}" -n default get serviceaccount default
T_SA=$(now_ms)

# ---- fault proxy (needs Node with TypeScript type stripping: Node >= 22.18) -------------------
NODE_TS=""
for cand in "$REPO_ROOT/node_modules/.bin/node" "$(command -v node || true)"; do
  [[ -n "$cand" && -x "$cand" ]] || continue
  if "$cand" -e 'process.exit(process.features.typescript ? 0 : 1)' 2>/dev/null; then NODE_TS="$cand"; break; fi
done
if [[ -n "$NODE_TS" ]]; then
  T_START[fault-proxy]=$(now_ms)
  start fault-proxy "$NODE_TS" "$TESTBED_DIR/fault-proxy.ts" \
    --listen "127.0.0.1:$FAULT_PROXY_PORT" --upstream "$API" \
    --ca "$PKI/ca.crt" --cert "$PKI/fault-proxy.crt" --key "$PKI/fault-proxy.key"
  wait_for fault-proxy "fault proxy" curl -sf --cacert "$PKI/ca.crt" "https://127.0.0.1:$FAULT_PROXY_PORT/__fault"
  T_READY[fault-proxy]=$(now_ms)
else
  log "no Node with TypeScript support (>= 22.18) found: the fault proxy (context 'faulty') is not started; run 'npm install' first"
fi

trap - EXIT
t1=$(now_ms)
CURRENT=""

# ---- report ---------------------------------------------------------------------------------
rss() { awk '/^VmRSS/ { printf "%.0f MiB", $2/1024 }' "/proc/$(cat "$PIDS/$1.pid")/status" 2>/dev/null || echo "?"; }
{
  echo
  echo "shipshape test bed is up in $(fmt_secs $((t1 - t0))) — Kubernetes $K8S_VERSION, etcd $ETCD_VERSION, kwok $KWOK_VERSION, $NODES fake nodes"
  printf '  %-24s %-8s %-22s %-10s %s\n' component pid listen "ready in" RSS
  while read -r c port; do
    [[ -f "$PIDS/$c.pid" ]] || continue
    printf '  %-24s %-8s %-22s %-10s %s\n' "$c" "$(cat "$PIDS/$c.pid")" "127.0.0.1:$port" \
      "$(fmt_secs $(( ${T_READY[$c]} - ${T_START[$c]} )))" "$(rss "$c")"
  done <<LIST
etcd $ETCD_PORT
kube-apiserver $APISERVER_PORT
kube-controller-manager $KCM_PORT
kube-scheduler $SCHEDULER_PORT
kwok $KWOK_PORT
fault-proxy $FAULT_PROXY_PORT
LIST
  echo "  nodes: $NODES created and Ready in $(fmt_secs $((T_NODES_DONE - T_NODES)))"
  echo "  phases: pki $(fmt_secs $((T_PKI - t0))), control plane ready $(fmt_secs $((T_READY[kwok] - T_PKI))), rbac+nodes $(fmt_secs $((T_NODES_DONE - T_READY[kwok]))), default ServiceAccount $(fmt_secs $((T_SA - T_NODES_DONE))), fault proxy $(fmt_secs $((t1 - T_SA)))"
  echo
  echo "  export KUBECONFIG=$KUBECONFIG_OUT"
  echo "  kubectl get nodes                        # context admin (default)"
  echo "  kubectl --context viewer get pods -A     # read-only, no secrets"
  echo "  kubectl --context ns-editor get pods     # edit in namespace shipshape-team only"
  [[ -n "$NODE_TS" ]] && echo "  kubectl --context faulty get pods        # through the fault proxy (configure: testbed/README.md)"
  echo "  kubectl binary matching the server: $KUBECTL"
  echo "  stop with: npm run testbed:down"
} >&2
printf '%s\n' "$(( (t1 - t0) ))" > "$STATE_DIR/startup-ms"
