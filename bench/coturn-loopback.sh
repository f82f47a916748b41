# Starts coturn 4.6.1 on free loopback ports for a benchmark, hardened as the host renders it plus the test-only
# loopback exception, and stops it on exit. Source it after `cd` to the repository root; it sets work, port,
# tls_port, secret, turn_pid (and writes $work/secret, $work/cert.pem). Extra config lines: COTURN_EXTRA.
work=$(mktemp -d -t turnkit-bench.XXXXXX)
turn_pid=""
cleanup() {
  if [ -n "$turn_pid" ]; then kill "$turn_pid" 2>/dev/null || true; wait "$turn_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port); tls_port=$(free_port); min_port=$(( 20000 + RANDOM % 11000 ))
secret="bench-$(openssl rand -hex 8)"
printf '%s' "$secret" > "$work/secret"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

# The hardened peer rules of design-notes.md §2.4 for 4.6.1, plus the test-only loopback exception that lets two
# allocations relay to each other: relay on 127.0.0.2 and allow exactly that peer (127.0.0.1 stays denied).
{
  cat <<CONF
listening-ip=127.0.0.1
listening-port=$port
tls-listening-port=$tls_port
min-port=$min_port
max-port=$(( min_port + 999 ))
use-auth-secret
static-auth-secret=$secret
realm=bench.turnkit.test
fingerprint
no-cli
no-dtls
cert=$work/cert.pem
pkey=$work/key.pem
pidfile=$work/turnserver.pid
userdb=$work/turndb
log-file=$work/turnserver.log
simple-log
no-multicast-peers
no-tcp-relay
relay-ip=127.0.0.2
allow-loopback-peers
cli-password=bench-only-cli-is-off
allowed-peer-ip=127.0.0.2
denied-peer-ip=::ffff:0.0.0.0-::ffff:255.255.255.255
CONF
  for r in 0.0.0.0-0.255.255.255 10.0.0.0-10.255.255.255 100.64.0.0-100.127.255.255 127.0.0.0-127.255.255.255 \
    169.254.0.0-169.254.255.255 172.16.0.0-172.31.255.255 192.0.0.0-192.0.0.255 192.0.2.0-192.0.2.255 \
    192.31.196.0-192.31.196.255 192.52.193.0-192.52.193.255 192.88.99.0-192.88.99.255 \
    192.168.0.0-192.168.255.255 192.175.48.0-192.175.48.255 198.18.0.0-198.19.255.255 \
    198.51.100.0-198.51.100.255 203.0.113.0-203.0.113.255 224.0.0.0-239.255.255.255 240.0.0.0-255.255.255.255; do
    echo "denied-peer-ip=$r"
  done
  printf '%s\n' "${COTURN_EXTRA:-}"
} > "$work/turnserver.conf"

turnserver -c "$work/turnserver.conf" > "$work/stdout.log" 2>&1 &
turn_pid=$!
for _ in $(seq 1 100); do
  if timeout 1 turnutils_stunclient -p "$port" 127.0.0.1 >/dev/null 2>&1; then break; fi
  sleep 0.1
done

