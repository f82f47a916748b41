<#-- `turnkit check --watch`: the checks against this host every checkIntervalSeconds, in one long-lived JVM (a new
     JVM per run would cost ~1.6 s of CPU each time, taken from coturn on a small shape). Data: host, header. -->
<#-- turnkit:on-change daemon-reload; try-restart turnkit-check.service -->
# ${header}
[Unit]
Description=turnkit check --watch: STUN/TURN health, auth and peer-deny checks against ${host.config.domain} every ${host.config.check.intervalSeconds} s
After=network-online.target coturn.service
Wants=network-online.target
ConditionPathExists=${host.jarPath}

[Service]
Type=exec
DynamicUser=yes
LoadCredential=${cred.secret}:${host.secretFiles[0]}
Environment="JAVA_TOOL_OPTIONS=-Xmx48m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError"
ExecStart=/usr/bin/java -jar ${host.jarPath}<#list host.checkArgs as arg> ${arg}</#list>
<#if host.config.check.prometheusTextfile>
# node_exporter reads ${host.checkTextfile()} (its textfile directory is set by turnkit-bootstrap)
RuntimeDirectory=turnkit-check
RuntimeDirectoryMode=0755
</#if>
# A line per run in the journal; SIGTERM (systemctl stop) ends it between runs with the JVM's status 143.
SuccessExitStatus=143
Restart=on-failure
RestartSec=10s
TimeoutStopSec=30s
MemoryMax=128M
CPUWeight=20
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
