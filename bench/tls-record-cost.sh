#!/usr/bin/env bash
# CPU per TLS record of a `turnkit load` packet, per cipher suite, with the JVM options of `turnkit load` (C1 only:
# no AES intrinsics) and, for comparison, with the default JIT. Why `load` offers ChaCha20-Poly1305 (BENCHMARKS.md,
# "TLS on the selector").
#
#   bash bench/tls-record-cost.sh
#
# Needs: java 17 (keytool).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d -t turnkit-tls-cost.XXXXXX)
trap 'rm -rf "$work"' EXIT
keytool -genkeypair -alias bench -keyalg EC -groupname secp256r1 -dname CN=localhost -validity 2 \
  -keystore "$work/bench.p12" -storetype PKCS12 -storepass changeit >/dev/null 2>&1
suites=(TLSv1.2:TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 TLSv1.2:TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
  TLSv1.2:TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 TLSv1.3:TLS_AES_128_GCM_SHA256
  TLSv1.3:TLS_CHACHA20_POLY1305_SHA256)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== java @bin/load-jvm.options (C1 only, as turnkit load runs)"
java @bin/load-jvm.options bench/TlsRecordCost.java "$work/bench.p12" "${suites[@]}"
echo "== default JIT (C2, AES intrinsics)"
java bench/TlsRecordCost.java "$work/bench.p12" "${suites[@]}"
