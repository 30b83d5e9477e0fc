# Test-bed PKI with openssl: one CA, the apiserver's serving cert, the service-account key pair and
# client certificates for the components and the test users. Source it; call make_pki DIR.
# shellcheck shell=bash

_pki_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

_pki_sign() { # dir name subject [extfile-content]
  local d="$1" n="$2" subj="$3" ext="${4:-}"
  _pki_key "$d/$n.key"
  openssl req -new -key "$d/$n.key" -subj "$subj" -out "$d/$n.csr" 2>/dev/null
  printf '%s\n' "$ext" > "$d/$n.ext"
  openssl x509 -req -in "$d/$n.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial \
    -days 3650 -sha256 -extfile "$d/$n.ext" -out "$d/$n.crt" 2>/dev/null
  rm -f "$d/$n.csr" "$d/$n.ext"
}

make_pki() {
  local d="$1"
  mkdir -p "$d"; chmod 700 "$d"
  [[ -f "$d/ca.crt" && -f "$d/sa.key" && -f "$d/viewer.crt" ]] && return 0
  command -v openssl >/dev/null || die "openssl is required to create the test-bed certificates (apt-get install -y openssl)"
  _pki_key "$d/ca.key"
  openssl req -x509 -new -key "$d/ca.key" -subj "/CN=shipshape-testbed-ca" -days 3650 -sha256 \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
    -out "$d/ca.crt" 2>/dev/null
  local client="basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth"
  local server="basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:10.96.0.1"
  _pki_sign "$d" apiserver "/CN=kube-apiserver" "$server"
  _pki_sign "$d" fault-proxy "/CN=shipshape-fault-proxy" "$server"
  _pki_sign "$d" admin "/O=system:masters/CN=shipshape-admin" "$client"
  _pki_sign "$d" controller-manager "/CN=system:kube-controller-manager" "$client"
  _pki_sign "$d" scheduler "/CN=system:kube-scheduler" "$client"
  _pki_sign "$d" kwok "/O=system:masters/CN=kwok-controller" "$client"
  _pki_sign "$d" viewer "/O=shipshape:viewers/CN=shipshape-viewer" "$client"
  _pki_sign "$d" ns-editor "/O=shipshape:team/CN=shipshape-ns-editor" "$client"
  # Service-account token signing key pair.
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$d/sa.key" 2>/dev/null
  openssl pkey -in "$d/sa.key" -pubout -out "$d/sa.pub" 2>/dev/null
  chmod 600 "$d"/*.key
}
