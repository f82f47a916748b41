#!/bin/sh
<#-- Host firewall (design-notes.md §7.1, §7.2). Data: host (HostSpec), header, firewall (list of FirewallRule). -->
<#-- turnkit:on-change run /usr/local/sbin/turnkit-firewall -->
# ${header}
# Opens the TURN, TLS, credentials, ACME and relay ports in the host firewall of the Oracle ${host.os} image.
# The OCI network security group is a separate layer (managed by Pulumi). Safe to run again.
set -eu

<#if host.os == "ubuntu">
# Ubuntu images: /etc/iptables/rules.v4 ends INPUT with "-j REJECT --reject-with icmp-host-prohibited"; an
# appended ACCEPT would never match, so each rule is inserted just before that REJECT, once (checked with -C).
# Chains are never flushed and InstanceServices is never touched.
open_port() {
  proto=$1; port=$2; why=$3
  if iptables -C INPUT -p "$proto" -m "$proto" --dport "$port" -m comment --comment "turnkit: $why" -j ACCEPT \
      2>/dev/null; then
    return 0
  fi
  reject_line=$(iptables -L INPUT --line-numbers -n | awk '$2 == "REJECT" { print $1; exit }')
  if [ -n "$reject_line" ]; then
    iptables -I INPUT "$reject_line" -p "$proto" -m "$proto" --dport "$port" -m comment --comment "turnkit: $why" \
      -j ACCEPT
  else
    iptables -A INPUT -p "$proto" -m "$proto" --dport "$port" -m comment --comment "turnkit: $why" -j ACCEPT
  fi
}

<#list firewall as rule>
open_port ${rule.protocol} ${rule.ports?string?replace("-", ":")} '${rule.description}'
</#list>

if command -v netfilter-persistent >/dev/null 2>&1; then
  netfilter-persistent save
else
  echo "turnkit-firewall: netfilter-persistent not installed; rules are active but not saved for reboot" >&2
fi
<#else>
# Oracle Linux images: firewalld (adding a port that is already open only prints a warning).
<#list firewall as rule>
firewall-cmd --permanent --zone=public --add-port=${rule.ports}/${rule.protocol}
</#list>
firewall-cmd --reload
</#if>
