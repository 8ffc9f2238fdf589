# deploy/devcloud/lib/tls.sh - start.sh --tls: every public endpoint over HTTPS.
# shellcheck shell=bash
# Sourced by start.sh. A CA of the cloud's own ($ETC/tls/ca.pem, made once per state dir) signs a
# server certificate for 127.0.0.1 and localhost; haproxy terminates TLS on port+10000 of each
# service (keystone 15000, swift 18080, glance 19292, ...) and forwards plain HTTP to the service
# with X-Forwarded-Proto: https, so the version documents link back over HTTPS (the services parse
# that header: [oslo_middleware] enable_proxy_headers_parsing). The catalog's public endpoints and
# the clouds.yaml entries (auth_url, cacert) point at the HTTPS ports; internal and admin endpoints
# stay plain HTTP on the services' own ports, as in a cloud with TLS at the edge.

TLS_DIR=$ETC/tls
TLS_CA=$TLS_DIR/ca.pem

# tls_port PORT: where the HTTPS front of a service on PORT listens
tls_port() { echo $(( $1 + 10000 )); }

tls_certificates() {
  [ -f "$TLS_DIR/server.pem" ] && [ -f "$TLS_CA" ] && return 0
  mkdir -p "$TLS_DIR"
  ( umask 077
    cd "$TLS_DIR"
    openssl req -x509 -new -nodes -newkey rsa:2048 -sha256 -days 825 -keyout ca.key -out ca.pem \
      -subj "/O=Stackmark devcloud/CN=Stackmark devcloud CA $(od -An -N4 -tx4 /dev/urandom | tr -d ' ')" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req -new -nodes -newkey rsa:2048 -sha256 -keyout server.key -out server.csr -subj "/CN=$HOST" 2>/dev/null
    printf 'subjectAltName=IP:%s,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' "$HOST" > server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 825 -sha256 \
      -extfile server.ext -out server.crt 2>/dev/null
    cat server.crt server.key > server.pem
    rm -f server.csr server.ext )
  chmod 644 "$TLS_CA"
  log "tls: CA $TLS_CA and a server certificate for $HOST made"
}

# tls_front NAME:PORT...: haproxy with one HTTPS frontend per service
tls_front() {
  tls_certificates
  local conf=$TLS_DIR/haproxy.cfg spec name port
  {
    printf 'global\n  maxconn 2048\n  ssl-default-bind-options ssl-min-ver TLSv1.2\n'
    printf 'defaults\n  mode http\n  option forwardfor\n  timeout connect 5s\n  timeout client 900s\n  timeout server 900s\n'
    for spec in "$@"; do
      name=${spec%:*} port=${spec#*:}
      printf 'frontend %s\n  bind %s:%s ssl crt %s\n  http-request set-header X-Forwarded-Proto https\n  default_backend %s\n' \
        "$name" "$HOST" "$(tls_port "$port")" "$TLS_DIR/server.pem" "$name"
      printf 'backend %s\n  server %s %s:%s\n' "$name" "$name" "$HOST" "$port"
    done
  } | write_file "$conf" tls-proxy
  # a changed set of services (a profile or region added) needs the new frontends now
  if pid_alive tls-proxy && ! cmp -s "$conf" "$RUN/tls-proxy.cfg"; then
    log "tls-proxy: frontends changed; restarting it"
    read -r pid _ < "$RUN/tls-proxy.pid"; kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 40); do pid_alive tls-proxy || break; sleep 0.25; done
    rm -f "$RUN/tls-proxy.pid"
  fi
  cp "$conf" "$RUN/tls-proxy.cfg"
  MATCH=$conf start_service tls-proxy "$(tls_port 5000)" /usr/sbin/haproxy -db -f "$conf"
  wait_port tls-proxy "$(tls_port 5000)"
}

# tls_off: stop the HTTPS front (start.sh --no-tls)
tls_off() {
  pid_alive tls-proxy || return 0
  local pid; read -r pid _ < "$RUN/tls-proxy.pid"
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 40); do pid_alive tls-proxy || break; sleep 0.25; done
  rm -f "$RUN/tls-proxy.pid"
  log "tls-proxy: stopped (--no-tls)"
}
