#!/usr/bin/env bash
# Installs the renderers `shipshape review` shells out to (helm; kustomize comes with kubectl) into a cache outside
# the repo, so the chart and kustomization end-to-end tests run against the real tools. Reused when present.
# helm is built from the Go module proxy with the local Go toolchain (no toolchain download, no system install).
# Without Go, or when the build fails, it says why and exits 0: the helm tests then skip and say so.
set -uo pipefail

HELM_VERSION="${SHIPSHAPE_HELM_VERSION:-v3.19.5}"
TOOLS_DIR="${SHIPSHAPE_TOOLS_DIR:-$HOME/.cache/shipshape-tools}"
BIN="$TOOLS_DIR/bin"
mkdir -p "$BIN"

echo "== install-tools: cache $BIN"
if [ -x "$BIN/helm" ] && "$BIN/helm" version --short 2>/dev/null | grep -q "^${HELM_VERSION}"; then
  echo "helm: $("$BIN/helm" version --short) already in the cache, reused"
elif ! command -v go >/dev/null 2>&1; then
  echo "helm: no Go toolchain on PATH, not built (chart tests will skip)"
else
  echo "helm: building helm.sh/helm/v3/cmd/helm@${HELM_VERSION} with $(go version | cut -d' ' -f3) from ${GOPROXY:-$(go env GOPROXY)}"
  started=$SECONDS
  if GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0 GOBIN="$BIN" \
    go install -trimpath -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=${HELM_VERSION}" \
    "helm.sh/helm/v3/cmd/helm@${HELM_VERSION}"; then
    echo "helm: built $("$BIN/helm" version --short) in $((SECONDS - started)) s -> $BIN/helm"
  else
    echo "helm: go install failed (see above); chart tests will skip"
  fi
fi

kubectl_bin=""
for k in "$HOME/.cache/shipshape-testbed/k8s-"*/kubectl "$HOME/.cache/shipshape-testbed/"*/bin/kubectl "$(command -v kubectl 2>/dev/null)"; do
  if [ -n "$k" ] && [ -x "$k" ]; then kubectl_bin="$k"; break; fi
done
if [ -n "$kubectl_bin" ]; then
  echo "kustomize: via $kubectl_bin kustomize ($("$kubectl_bin" version --client 2>/dev/null | grep -i kustomize | tr -d '\n'))"
  ln -sfn "$kubectl_bin" "$BIN/kubectl"
elif command -v kustomize >/dev/null 2>&1; then
  echo "kustomize: $(command -v kustomize)"
else
  echo "kustomize: neither kustomize nor kubectl found (kustomization tests will skip)"
fi
echo "== install-tools: add $BIN to PATH (the e2e tests look there too)"
