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
install_go() { # name module@version
  local name=$1 module=$2
  if [ -x "$GOBIN/$name" ]; then echo "ok      $name (cached: $GOBIN/$name)"; return; fi
  if ! command -v go >/dev/null; then echo "missing $name: go toolchain not on PATH"; status=1; return; fi
  echo "install $name from $module"
  if go install "$module" >"$CACHE/$name.install.log" 2>&1; then
    echo "ok      $name"
  else
    echo "failed  $name: $(tail -n 3 "$CACHE/$name.install.log" | tr '\n' ' ')"
    status=1
  fi
}

install_go kubeconform github.com/yannh/kubeconform/cmd/kubeconform@latest
# Not served by the Go module proxy here (checked 2026-11-28; the proxy answers 403 for every name tried):
#   kube-linter (golang.stackrox.io/kube-linter, github.com/stackrox/kube-linter)
#   polaris (github.com/fairwindsops/polaris, /v8, /v9, /v10)
# Tried anyway so a machine whose proxy serves them benchmarks them.
install_go kube-linter golang.stackrox.io/kube-linter/cmd/kube-linter@latest
install_go polaris github.com/fairwindsops/polaris/v9@latest

# Offline Kubernetes JSON schemas for kubeconform, from the PyPI package kubernetes-validate (per-version
# schemas with local $refs, in the kubernetes-json-schema layout kubeconform reads).
KV_VERSION=1.37.0
if [ -d "$CACHE/kubernetes-json-schema/v1.34.0-local-strict" ]; then
  echo "ok      kubeconform schemas (cached)"
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
  echo "ok      kubeconform schemas (kubernetes-validate $KV_VERSION)"
else
  echo "failed  kubeconform schemas: $(tail -n 2 "$CACHE/schemas.install.log" | tr '\n' ' ')"
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
