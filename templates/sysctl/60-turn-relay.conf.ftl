<#-- Kernel settings for the relay (design-notes.md §7.4). Data: host (HostSpec), header. -->
<#-- turnkit:on-change run /usr/sbin/sysctl -e -q -p /etc/sysctl.d/60-turn-relay.conf -->
# ${header}
# coturn asks for 2 MiB socket buffers on its UDP listeners; the kernel silently caps them at rmem_max/wmem_max.
net.core.rmem_max = 16777216
net.core.wmem_max = 16777216
net.core.netdev_max_backlog = 5000
# Keep the ephemeral port allocator out of the relay range (min-port..max-port); explicit bind() still works.
net.ipv4.ip_local_reserved_ports = ${host.turn.relay.min}-${host.turn.relay.max}
