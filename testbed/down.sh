#!/usr/bin/env bash
# Stops exactly the processes testbed/up.sh started (by their pid files), even after a partial
# start, then removes the cluster state (etcd data, kubeconfig). Logs stay in .testbed/logs.
#   bash testbed/down.sh [--quiet] [--keep-logs]
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
quiet=0; locked=0
for a in "$@"; do case "$a" in --quiet) quiet=1;; --keep-logs) ;; --locked) locked=1;; *) die "unknown argument: $a";; esac; done
say() { (( quiet )) || log "$@"; }
PIDS="$STATE_DIR/pids"
[[ -d "$STATE_DIR" ]] || { (( quiet )) || log "nothing to stop ($STATE_DIR does not exist)"; exit 0; }
if (( ! locked )); then  # up.sh calls us with its lock already held
  exec 9>"$STATE_DIR/.lock"
  flock -w 300 9 || die "another testbed up/down holds $STATE_DIR/.lock"
fi

# Is PID still the process we started? (guards against pid reuse after a reboot or crash)
ours() { # name pid
  local exe want
  [[ -d "/proc/$2" ]] || return 1
  want="$(cat "$PIDS/$1.exe" 2>/dev/null || true)"
  [[ -z "$want" ]] && return 0
  exe="$(tr '\0' ' ' < "/proc/$2/cmdline" 2>/dev/null || true)"
  [[ "$exe" == *"$(basename "$want")"* ]]
}

stopped=0
for name in fault-proxy kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
  f="$PIDS/$name.pid"
  [[ -f "$f" ]] || continue
  pid="$(cat "$f")"
  if [[ -n "$pid" ]] && ours "$name" "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      say "$name (pid $pid) did not stop within 10s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    say "stopped $name (pid $pid)"
    stopped=$((stopped + 1))
  else
    say "$name (pid $pid) was not running"
  fi
  rm -f "$f" "$PIDS/$name.exe"
done
rm -rf "$STATE_DIR/etcd-data" "$STATE_DIR/run" "$STATE_DIR/kubeconfig" "$STATE_DIR/ports.env"
say "test bed is down ($stopped processes stopped; logs kept in $STATE_DIR/logs)"
