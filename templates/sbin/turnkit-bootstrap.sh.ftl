#!/bin/sh
<#-- First-boot steps after the packages are installed, run by cloud-init's runcmd (design-notes.md §5, §6, §7).
     Data: host (HostSpec), header. -->
<#-- turnkit:on-change nothing -->
# ${header}
# First boot of the TURN host ${host.config.domain} (stack ${host.config.stack}). cloud-init has already written
# every config file (write_files runs before packages), so the packaged coturn started with the hardened config.
# Safe to run again.
set -eu
log() { echo "turnkit-bootstrap: $*" >&2; }

<#if host.os != "ubuntu">
# Oracle Linux: coturn and certbot come from EPEL; the RPM neither enables nor starts coturn on install.
log "installing coturn, certbot and Java from Oracle Linux EPEL"
dnf -y -q install oracle-epel-release-el9
dnf config-manager --set-enabled ol9_developer_EPEL
dnf -y -q install coturn certbot java-17-openjdk-headless curl
</#if>
# The package's postinst may set this too; set it explicitly so the config is never world-readable.
chown root:${host.coturnGroup} ${host.coturnConfigPath}
chmod 0640 ${host.coturnConfigPath}

log "applying sysctl (socket buffers, reserved relay ports)"
# -e: a key the kernel lacks (a container, a network namespace) is skipped instead of aborting the boot.
sysctl -e -q -p /etc/sysctl.d/60-turn-relay.conf

# The reserved public IP must map to this VM before coturn advertises it (external-ip=PUBLIC/PRIVATE): the private
# IP from the instance metadata (/opc/v2/vnics/ carries no public IP), the public one from a STUN Binding request
# to a public STUN server, which sees the address after OCI's 1:1 NAT. Bounded wait: a reserved IP is attached
# within seconds; if it never maps, coturn stays stopped and the image's firewall stays closed.
log "checking that ${host.publicIp} maps to ${host.config.network.privateIp} (metadata + STUN ${host.stunServers?join(", ")})"
deadline=$(( $(date +%s) + ${host.addressWaitSeconds?c} ))
until python3 - '${host.config.network.privateIp}' '${host.publicIp}' <#list host.stunServers as s>'${s}' </#list><<'VERIFY'
import json, os, socket, struct, sys, urllib.request
private, public, servers = sys.argv[1], sys.argv[2], sys.argv[3:]
try:
    req = urllib.request.Request("http://169.254.169.254/opc/v2/vnics/", headers={"Authorization": "Bearer Oracle"})
    vnics = json.load(urllib.request.build_opener(urllib.request.ProxyHandler({})).open(req, timeout=5))
except Exception as e:
    sys.exit("instance metadata /opc/v2/vnics/ unreachable: %s" % e)
seen = [v.get("privateIp") for v in vnics]
if private not in seen:
    sys.exit("metadata: the VNIC has private IP %s, not %s" % (seen, private))
def stun(host, port):
    tid = os.urandom(12)
    request = struct.pack("!HHI", 1, 0, 0x2112A442) + tid
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(2)
    try:
        for _ in range(3):
            s.sendto(request, (host, port))
            try:
                data = s.recv(2048)
            except socket.timeout:
                continue
            if len(data) < 20 or data[8:20] != tid:
                continue
            pos, end = 20, 20 + struct.unpack("!H", data[2:4])[0]
            while pos + 4 <= min(end, len(data)):
                kind, length = struct.unpack("!HH", data[pos:pos + 4])
                value = data[pos + 4:pos + 4 + length]
                if kind == 0x0020 and length >= 8 and value[1] == 1:
                    ip = struct.unpack("!I", value[4:8])[0] ^ 0x2112A442
                    return socket.inet_ntoa(struct.pack("!I", ip))
                pos += 4 + (length + 3) // 4 * 4
    finally:
        s.close()
    return None
for server in servers:
    host, _, port = server.rpartition(":")
    try:
        mapped = stun(socket.gethostbyname(host), int(port))
    except OSError as e:
        print("STUN %s: %s" % (server, e), file=sys.stderr)
        continue
    if mapped is None:
        print("STUN %s: no answer" % server, file=sys.stderr)
        continue
    if mapped != public:
        sys.exit("STUN %s sees this VM as %s, not %s: the reserved IP is not attached yet" % (server, mapped, public))
    sys.exit(0)
sys.exit("no STUN server answered")
VERIFY
do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    log "${host.publicIp} does not reach this VM after ${host.addressWaitSeconds?c} s; coturn NOT started. Check the reserved IP's private IP in the console (pulumi stack output publicIpAttached), then run /usr/local/sbin/turnkit-bootstrap again"
    exit 1
  fi
  sleep 10
done

# coturn finds the TURN secrets in its userdb (turn_secret), not in turnserver.conf: fill it from the secret files
# before coturn serves (the secrets are never on a command line). A deploy reruns it when a secret file changes.
log "syncing the TURN secrets into coturn's userdb"
/usr/local/sbin/turnkit-sync-secrets

log "restarting coturn with the hardening drop-in"
systemctl daemon-reload
systemctl enable coturn.service
systemctl restart coturn.service
# Fail closed: the host firewall opens only once coturn runs with this config (the image still rejects TURN).
systemctl is-active --quiet coturn.service

log "opening the host firewall"
/usr/local/sbin/turnkit-firewall

<#if host.jarUrl??>
# The jar runs only if its SHA-256 matches turnkit:turnkitJarSha256: checked on every run, also for a jar already
# there (a second boot keeps a good jar and replaces a bad one).
if ! echo '${host.jarSha256}  ${host.jarPath}' | sha256sum -c --status - 2>/dev/null; then
  log "downloading the turnkit jar"
  install -d -m 0755 /opt/turnkit
  curl -fsSL --retry 5 --retry-delay 10 --max-time 300 -o ${host.jarPath}.download '${host.jarUrl}'
  if ! echo '${host.jarSha256}  ${host.jarPath}.download' | sha256sum -c --status -; then
    log "turnkit jar REJECTED: SHA-256 $(sha256sum < ${host.jarPath}.download | cut -c1-64) of ${host.jarUrl} is not the expected ${host.jarSha256}; the credentials service and the check service stay off"
    rm -f ${host.jarPath}.download ${host.jarPath}
    exit 1
  fi
  chmod 0644 ${host.jarPath}.download
  mv -f ${host.jarPath}.download ${host.jarPath}
fi
<#else>
# No turnkit:turnkitJarUrl: copy the jar to ${host.jarPath}; until then the credentials and
# check units are skipped (ConditionPathExists).
install -d -m 0755 /opt/turnkit
</#if>

# The certificate: http-01 on port 80 (needs the DNS A record on the reserved IP). --deploy-hook runs the hook on
# this first issuance; certbot saves it for renewals too (design-notes.md §5.2). Retried for an hour while DNS
# propagates (the address mapping was verified above).
hook=/etc/letsencrypt/renewal-hooks/deploy/turnkit-coturn.sh
if [ ! -f /etc/coturn/tls/fullchain.pem ]; then
  attempt=1
  until certbot certonly --standalone --non-interactive --agree-tos --no-eff-email \
      -m '${host.config.access.acmeEmail}' -d '${host.config.domain}' --deploy-hook "$hook"; do
    if [ "$attempt" -ge 60 ]; then
      log "certbot failed for an hour: check that ${host.config.domain} resolves to ${host.publicIp} and port 80 is open; then run /usr/local/sbin/turnkit-bootstrap again"
      exit 1
    fi
    attempt=$((attempt + 1))
    sleep 60
  done
  # A TLS listener that never started is not created by SIGUSR2: restart once after the first issuance.
  systemctl restart coturn.service
fi

systemctl enable --now certbot.timer 2>/dev/null || systemctl enable --now certbot-renew.timer 2>/dev/null || true
<#if host.config.check.prometheusTextfile>
<#if host.os == "ubuntu">
log "node_exporter reads the check's textfile from ${host.checkTextfileDir()}"
echo 'ARGS="--collector.textfile.directory=${host.checkTextfileDir()}"' > /etc/default/prometheus-node-exporter
systemctl restart prometheus-node-exporter.service
<#else>
log "the check writes ${host.checkTextfile()}: install node_exporter and start it with --collector.textfile.directory=${host.checkTextfileDir()}"
</#if>
</#if>
systemctl enable turnkit-credentials.service turnkit-check.service
systemctl restart turnkit-credentials.service turnkit-check.service
log "done"
