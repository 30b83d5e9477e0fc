# Port helpers. Source it.
# shellcheck shell=bash

port_in_use() { # port -> 0 if something listens on 127.0.0.1:port (or any address)
  if command -v ss >/dev/null 2>&1; then
    ss -Htln "sport = :$1" 2>/dev/null | grep -q .
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# pick_port VAR NAME [FIXED]: sets VAR. A fixed port (from the environment) must be free, else a
# clear error; without one, ask the kernel for a free ephemeral port on 127.0.0.1.
PICKED_PORTS=" "
pick_port() {
  local var="$1" name="$2" fixed="${3:-}" p
  if [[ -n "$fixed" ]]; then
    if port_in_use "$fixed"; then
      die "port $fixed (for $name) is already in use on this machine: $(ss -Htlnp "sport = :$fixed" 2>/dev/null | head -1). Stop that process or choose another port."
    fi
    PICKED_PORTS+="$fixed "; printf -v "$var" '%s' "$fixed"; return
  fi
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    p="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
      || echo $(( 20000 + RANDOM % 20000 )))"
    if [[ "$PICKED_PORTS" != *" $p "* ]] && ! port_in_use "$p"; then PICKED_PORTS+="$p "; printf -v "$var" '%s' "$p"; return; fi
  done
  die "could not find a free port for $name"
}
