<#-- One run of `turnkit check` against this host (started by turnkit-check.timer). Data: host, header. -->
<#-- turnkit:on-change daemon-reload -->
# ${header}
[Unit]
Description=turnkit check: STUN/TURN health, auth and peer-deny checks against ${host.config.domain}
After=network-online.target coturn.service
Wants=network-online.target
ConditionPathExists=${host.jarPath}

[Service]
Type=oneshot
DynamicUser=yes
LoadCredential=${cred.secret}:${host.secretFiles[0]}
Environment="JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=25 -XX:+ExitOnOutOfMemoryError"
ExecStart=/usr/bin/java -jar ${host.jarPath}<#list host.checkArgs as arg> ${arg}</#list>
# Exit codes: 0 OK, 1 WARNING (still a success for systemd), 2 CRITICAL and 3 UNKNOWN mark the unit failed.
SuccessExitStatus=1
TimeoutStartSec=60s
MemoryMax=256M
CapabilityBoundingSet=
AmbientCapabilities=
NoNewPrivileges=yes
ProtectSystem=strict
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
RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
SystemCallArchitectures=native
SystemCallFilter=@system-service
SystemCallErrorNumber=EPERM
UMask=0077
