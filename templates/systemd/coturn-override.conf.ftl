<#-- Hardening drop-in for the packaged coturn.service (design-notes.md §6, §7.3). Data: host (HostSpec), header. -->
<#-- turnkit:on-change daemon-reload; restart coturn.service -->
# ${header}
# Drop-in for the distro's coturn.service: the packaged unit is never edited (upgrades overwrite it).
[Unit]
After=network-online.target
Wants=network-online.target

[Service]
# SIGUSR2 makes coturn re-read cert/pkey without dropping allocations (design-notes.md §5.3).
ExecReload=/bin/kill -USR2 $MAINPID
Restart=on-failure
RestartSec=2s
LimitNOFILE=65536
<#if host.coturnNeedsBindCapability()>
# A listening port below 1024 needs CAP_NET_BIND_SERVICE (never User=root).
CapabilityBoundingSet=CAP_NET_BIND_SERVICE
AmbientCapabilities=CAP_NET_BIND_SERVICE
<#else>
CapabilityBoundingSet=
AmbientCapabilities=
</#if>
NoNewPrivileges=yes
ProtectSystem=strict
# coturn's SQLite userdb (the TURN secrets, table turn_secret) lives here; coturn opens it read-write.
ReadWritePaths=${host.coturnStateDir}
<#if host.os != "ubuntu">
ReadWritePaths=-/run/coturn
</#if>
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
ProtectProc=invisible
ProcSubset=pid
# AF_UNIX for sd_notify, AF_NETLINK for getifaddrs.
RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX AF_NETLINK
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
MemoryDenyWriteExecute=yes
SystemCallArchitectures=native
# Not ~@resources: coturn's setrlimit retry loop would end at 0 file descriptors (design-notes.md §7.3).
SystemCallFilter=@system-service
SystemCallErrorNumber=EPERM
UMask=0077
