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
install_go kube-linter golang.stackrox.io/kube-linter/cmd/kube-linter@latest
install_go polaris github.com/fairwindsops/polaris@latest

exit $status
