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
sysctl -q -p /etc/sysctl.d/60-turn-relay.conf

log "restarting coturn with the hardening drop-in"
systemctl daemon-reload
systemctl enable coturn.service
systemctl restart coturn.service
# Fail closed: the host firewall opens only once coturn runs with this config (the image still rejects TURN).
systemctl is-active --quiet coturn.service

log "opening the host firewall"
/usr/local/sbin/turnkit-firewall

<#if host.jarUrl??>
if [ ! -f ${host.jarPath} ]; then
  log "downloading the turnkit jar"
  install -d -m 0755 /opt/turnkit
  curl -fsSL --retry 5 --retry-delay 10 --max-time 300 -o ${host.jarPath}.download '${host.jarUrl}'
  echo '${host.jarSha256}  ${host.jarPath}.download' | sha256sum -c -
  chmod 0644 ${host.jarPath}.download
  mv -f ${host.jarPath}.download ${host.jarPath}
fi
<#else>
# No turnkit:turnkitJarUrl: copy the jar to ${host.jarPath}; until then the credentials and
# check units are skipped (ConditionPathExists).
install -d -m 0755 /opt/turnkit
</#if>

# The certificate: http-01 on port 80 (needs the DNS A record on the reserved IP). --deploy-hook runs the hook on
# this first issuance; certbot saves it for renewals too (design-notes.md §5.2). Retried for an hour, while DNS propagates
# and until the second `pulumi up` attaches the reserved IP (docs/pulumi.md).
hook=/etc/letsencrypt/renewal-hooks/deploy/turnkit-coturn.sh
if [ ! -f /etc/coturn/tls/fullchain.pem ]; then
  attempt=1
  until certbot certonly --standalone --non-interactive --agree-tos --no-eff-email \
      -m '${host.config.access.acmeEmail}' -d '${host.config.domain}' --deploy-hook "$hook"; do
    if [ "$attempt" -ge 60 ]; then
      log "certbot failed for an hour: check that ${host.config.domain} resolves to ${host.publicIp}, that the IP is attached (pulumi stack output publicIpAttached) and port 80 is open; then run /usr/local/sbin/turnkit-bootstrap again"
      exit 1
    fi
    attempt=$((attempt + 1))
    sleep 60
  done
  # A TLS listener that never started is not created by SIGUSR2: restart once after the first issuance.
  systemctl restart coturn.service
fi

systemctl enable --now certbot.timer 2>/dev/null || systemctl enable --now certbot-renew.timer 2>/dev/null || true
systemctl enable turnkit-credentials.service turnkit-check.timer
systemctl restart turnkit-credentials.service
systemctl start turnkit-check.timer
log "done"
