#!/usr/bin/env bash
# Builds (or reuses) the test-bed binaries from the Go module proxy into a version-keyed cache
# outside the repo: ${SHIPSHAPE_TESTBED_CACHE:-~/.cache/shipshape-testbed}/<component>-<version>/.
#   bash testbed/build.sh            # build what is missing
#   bash testbed/build.sh --force    # rebuild everything
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
require_go
command -v jq >/dev/null || die "jq is required (apt-get install -y jq)"

force=0
[[ "${1:-}" == "--force" ]] && force=1

# Modest flags: no VCS stamping, reproducible paths, stripped binaries.
common_flags=(-trimpath)

build_component() { # name dest-dir wrapper-dir ldflags pkg...   (one binary per pkg, named by OUT_NAMES or basename)
  local name="$1" dest="$2" wrapper="$3" ldflags="$4"; shift 4
  local names=() want=() p
  if [[ -n "${OUT_NAMES:-}" ]]; then read -r -a names <<<"$OUT_NAMES"; else for p in "$@"; do names+=("$(basename "$p")"); done; fi
  for p in "${names[@]}"; do want+=("$dest/$p"); done
  if (( ! force )); then
    local all=1 f
    for f in "${want[@]}"; do [[ -x "$f" ]] || all=0; done
    if (( all )); then log "$name: cached in $dest"; return 0; fi
  fi
  log "$name: building $* (this takes a while on a small machine)"
  local tmp="$dest.tmp.$$" t0; t0=$(now_ms)
  rm -rf "$tmp"; mkdir -p "$tmp"
  local i
  for i in "${!names[@]}"; do
    if ! (cd "$TESTBED_DIR/$wrapper" && go build "${common_flags[@]}" -ldflags "$ldflags" -o "$tmp/${names[$i]}" "${@:$((i + 1)):1}"); then
      rm -rf "$tmp"
      die "$name: go build of ${*:$((i + 1)):1} failed (see above). Is the Go module proxy reachable? Try: (cd testbed/$wrapper && go mod download -x)"
    fi
  done
  mkdir -p "$dest"
  for p in "${names[@]}"; do mv -f "$tmp/$p" "$dest/"; done
  rm -rf "$tmp"
  local t1; t1=$(now_ms)
  log "$name: built in $(fmt_secs $((t1 - t0)))"
  BUILT_SOMETHING=1
}

BUILT_SOMETHING=0
t_start=$(now_ms)

# --- kubernetes: version stamped the way hack/lib/version.sh does it ------------------------
k8s_info="$(cd "$TESTBED_DIR/k8s" && go mod download -json "k8s.io/kubernetes@$K8S_VERSION")" \
  || die "cannot download k8s.io/kubernetes@$K8S_VERSION from the Go module proxy"
k8s_date="$(printf '%s' "$k8s_info" | jq -r .Info | xargs cat | jq -r '.Time // empty')"
[[ -n "$k8s_date" ]] || k8s_date="1970-01-01T00:00:00Z"
v="${K8S_VERSION#v}"; major="${v%%.*}"; rest="${v#*.}"; minor="${rest%%.*}"
k8s_ld="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  k8s_ld+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
  k8s_ld+=" -X $pkg.buildDate=$k8s_date -X $pkg.gitTreeState=clean"
done

build_component "kwok $KWOK_VERSION" "$KWOK_BIN" kwok \
  "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v} -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${K8S_VERSION#v}" \
  sigs.k8s.io/kwok/cmd/kwok sigs.k8s.io/kwok/cmd/kwokctl
OUT_NAMES=etcd build_component "etcd $ETCD_VERSION" "$ETCD_BIN" etcd "-s -w" go.etcd.io/etcd/server/v3
build_component "kubernetes $K8S_VERSION" "$K8S_BIN" k8s "$k8s_ld" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler \
  k8s.io/kubernetes/cmd/kubectl

t_end=$(now_ms)
binaries_present || die "build finished but some binaries are missing under $CACHE_ROOT"
if (( BUILT_SOMETHING )); then
  log "cold build time: $(fmt_secs $((t_end - t_start)))"
  printf '%s\n' "$(( (t_end - t_start) / 1000 ))" > "$CACHE_ROOT/last-build-seconds"
else
  log "all binaries cached (nothing built)"
fi
log "cache: $CACHE_ROOT ($(du -sh "$CACHE_ROOT" | cut -f1))"
log "Go caches: build $(du -sh "$(go env GOCACHE)" 2>/dev/null | cut -f1), modules $(du -sh "$(go env GOMODCACHE)" 2>/dev/null | cut -f1)"
for f in "$K8S_BIN"/kube* "$ETCD_BIN/etcd" "$KWOK_BIN"/kwok*; do
  printf '  %-64s %s\n' "$f" "$(du -h "$f" | cut -f1)" >&2
done
# (no `| head`: with pipefail, SIGPIPE in the producer would fail the script)
v_api="$("$K8S_BIN/kube-apiserver" --version 2>&1 || true)"
v_etcd="$("$ETCD_BIN/etcd" --version 2>&1 || true)"
v_kwok="$("$KWOK_BIN/kwok" --version 2>&1 || true)"
log "versions: ${v_api%%$'\n'*}; ${v_etcd%%$'\n'*}; kwok ${v_kwok%%$'\n'*}"
