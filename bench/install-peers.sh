#!/usr/bin/env bash
# Installs the peer tools the benchmark compares against into a cache outside the repository.
# Everything comes from package registries (the Go module proxy, PyPI); nothing is downloaded as a prebuilt binary.
# Usage: bash bench/install-peers.sh   (idempotent; a peer that fails to install is reported and skipped)
set -u
CACHE="${SHIPSHAPE_BENCH_CACHE:-$HOME/.cache/shipshape-bench}"
mkdir -p "$CACHE/bin"
export GOBIN="$CACHE/bin"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
export GOFLAGS="${GOFLAGS:--buildvcs=false}"

status=0
install_go() { # name module@version [env assignments…]
  local name=$1 module=$2
  shift 2
  if [ -x "$GOBIN/$name" ]; then echo "ok      $name (cached: $GOBIN/$name)"; return; fi
  if ! command -v go >/dev/null; then echo "missing $name: go toolchain not on PATH"; status=1; return; fi
  echo "install $name from $module (log: $CACHE/$name.install.log)"
  if env "$@" go install "$module" >"$CACHE/$name.install.log" 2>&1; then
    echo "ok      $name"
  else
    echo "failed  $name: $(tail -n 3 "$CACHE/$name.install.log" | tr '\n' ' ')"
    status=1
  fi
}

install_go kubeconform github.com/yannh/kubeconform/cmd/kubeconform@v0.8.0
# trivy: its `config` command is a Kubernetes misconfiguration scanner with embedded checks, the closest
# installable stand-in for kube-linter. It imports encoding/json/v2, which Go 1.25/1.26 build only with
# GOEXPERIMENT=jsonv2. A big build: several minutes of both cores.
install_go trivy github.com/aquasecurity/trivy/cmd/trivy@v0.74.0 GOEXPERIMENT=jsonv2
# Not installable here, so not asked for (a registry's refusal is final):
#   kube-linter: golang.stackrox.io/kube-linter is "not-served" by the Go module proxy (403);
#   polaris: github.com/fairwindsops/polaris (/v8, /v9) answered 403 on 2026-11-28.
# bench/run.ts runs either one if "$GOBIN/kube-linter" or "$GOBIN/polaris" exists.

# kube-resource-report (PyPI): a capacity report (requests vs allocatable per node, namespace, team) read from a live
# cluster, the peer of `shipshape capacity` in bench/capacity.ts. kube-capacity (github.com/robscott/kube-capacity)
# would be the closer peer, but the Go module proxy does not serve it (403, 2026-12-07).
if [ -x "$CACHE/kube-resource-report-venv/bin/kube-resource-report" ]; then
  echo "ok      kube-resource-report (cached)"
elif python3 -m venv "$CACHE/kube-resource-report-venv" >"$CACHE/kube-resource-report.install.log" 2>&1 &&
  "$CACHE/kube-resource-report-venv/bin/pip" install -q kube-resource-report==21.2.1 >>"$CACHE/kube-resource-report.install.log" 2>&1; then
  echo "ok      kube-resource-report"
else
  echo "failed  kube-resource-report: $(tail -n 2 "$CACHE/kube-resource-report.install.log" | tr '\n' ' ')"
  status=1
fi

# Offline Kubernetes JSON schemas for kubeconform, from the PyPI package kubernetes-validate: per-version schemas
# whose $refs point at https://kubernetes.io/api/_definitions.json, which kubeconform cannot load offline (it says
# "could not find schema"); bench/kubeconform-schemas.ts makes each kind's schema standalone (see its header).
KV_VERSION=1.37.0
if [ -d "$CACHE/kubernetes-json-schema/v1.34.0-local-strict" ]; then
  echo "ok      kubernetes-validate $KV_VERSION schemas (cached)"
elif command -v python3 >/dev/null && python3 -m pip download --no-deps -q -d "$CACHE/wheels" "kubernetes-validate==$KV_VERSION" >"$CACHE/schemas.install.log" 2>&1; then
  python3 - "$CACHE" "$KV_VERSION" <<'PY'
import sys, zipfile, os
cache, version = sys.argv[1], sys.argv[2]
wheel = os.path.join(cache, "wheels", f"kubernetes_validate-{version}-py3-none-any.whl")
prefix = "kubernetes_validate/kubernetes-json-schema/"
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        if name.startswith(prefix) and not name.endswith("/"):
            target = os.path.join(cache, "kubernetes-json-schema", name[len(prefix):])
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(z.read(name))
PY
  echo "ok      kubernetes-validate $KV_VERSION schemas"
else
  echo "failed  kubernetes-validate schemas: $(tail -n 2 "$CACHE/schemas.install.log" | tr '\n' ' ')"
  status=1
fi
NODE="$(dirname "$0")/../node_modules/.bin/node"
[ -x "$NODE" ] || NODE=node
if [ -f "$CACHE/kubeconform-schemas/.converted-$KV_VERSION" ]; then
  echo "ok      kubeconform standalone schemas (cached)"
elif [ -d "$CACHE/kubernetes-json-schema" ] &&
  "$NODE" "$(dirname "$0")/kubeconform-schemas.ts" "$CACHE/kubernetes-json-schema" "$CACHE/kubeconform-schemas" \
    >"$CACHE/kubeconform-schemas.log" 2>&1; then
  touch "$CACHE/kubeconform-schemas/.converted-$KV_VERSION"
  echo "ok      kubeconform standalone schemas ($(grep -c standalone-strict "$CACHE/kubeconform-schemas.log") versions)"
else
  echo "failed  kubeconform standalone schemas: $(tail -n 2 "$CACHE/kubeconform-schemas.log" 2>/dev/null | tr '\n' ' ')"
  status=1
fi

# checkov (PyPI) in its own virtualenv: a Python IaC scanner with a Kubernetes framework.
CHECKOV_VERSION=3.3.30
if [ -x "$CACHE/checkov/bin/checkov" ]; then
  echo "ok      checkov (cached)"
elif python3 -m venv "$CACHE/checkov" >"$CACHE/checkov.install.log" 2>&1 &&
  "$CACHE/checkov/bin/pip" install -q "checkov==$CHECKOV_VERSION" >>"$CACHE/checkov.install.log" 2>&1; then
  ln -sf "$CACHE/checkov/bin/checkov" "$CACHE/bin/checkov"
  echo "ok      checkov $CHECKOV_VERSION"
else
  echo "failed  checkov: $(tail -n 2 "$CACHE/checkov.install.log" | tr '\n' ' ')"
  status=1
fi

exit $status
