# Shared helpers for the testbed scripts. Source it; do not execute.
# shellcheck shell=bash
set -euo pipefail

TESTBED_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "$TESTBED_DIR/.." && pwd)"
# shellcheck source=../versions.env
source "$TESTBED_DIR/versions.env"

export GOTOOLCHAIN=local
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"
CACHE_ROOT="${SHIPSHAPE_TESTBED_CACHE:-$HOME/.cache/shipshape-testbed}"
K8S_BIN="$CACHE_ROOT/k8s-$K8S_VERSION"
ETCD_BIN="$CACHE_ROOT/etcd-$ETCD_VERSION"
KWOK_BIN="$CACHE_ROOT/kwok-$KWOK_VERSION"
STATE_DIR="${SHIPSHAPE_TESTBED_DIR:-$REPO_ROOT/.testbed}"

log()  { printf '[testbed] %s\n' "$*" >&2; }
die()  { printf '[testbed] ERROR: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }
fmt_secs() { awk -v ms="$1" 'BEGIN { printf "%.1fs", ms/1000 }'; }

require_go() {
  command -v go >/dev/null 2>&1 || die "go is not on PATH; the test bed builds its binaries with Go (>= 1.26)"
  local v
  v="$(go env GOVERSION)"
  case "$v" in
    go1.2[6-9]*|go1.[3-9]*) ;;
    *) die "Go $v is too old: need go1.26 or newer (GOTOOLCHAIN=local, no toolchain download)";;
  esac
}

binaries_present() {
  [[ -x "$K8S_BIN/kube-apiserver" && -x "$K8S_BIN/kube-controller-manager" && -x "$K8S_BIN/kube-scheduler" && -x "$K8S_BIN/kubectl" \
    && -x "$ETCD_BIN/etcd" && -x "$KWOK_BIN/kwok" && -x "$KWOK_BIN/kwokctl" ]]
}
