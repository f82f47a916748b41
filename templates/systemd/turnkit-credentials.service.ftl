<#-- The credentials endpoint (turnkit credentials serve) on the TURN host (design-notes.md §7.3,
     §10). Data: host (HostSpec), header. -->
<#-- turnkit:on-change daemon-reload; try-restart turnkit-credentials.service -->
# ${header}
[Unit]
Description=turnkit credentials endpoint: short-lived TURN credentials for signed-in Firebase users
After=network-online.target
Wants=network-online.target
# The jar is downloaded by cloud-init (turnkit:turnkitJarUrl) or copied to the host by hand.
ConditionPathExists=${host.jarPath}

[Service]
Type=exec
DynamicUser=yes
# Root-only files copied to $CREDENTIALS_DIRECTORY (%d) for this unit only; re-read on restart, which the
# certbot deploy hook does after a renewal (design-notes.md §5.3).
LoadCredential=${cred.secret}:${host.secretFiles[0]}
<#if host.secretFiles?size gt 1>
LoadCredential=${cred.previousSecret}:${host.secretFiles[1]}
</#if>
LoadCredential=${cred.tlsCert}:/etc/letsencrypt/live/${host.config.domain}/fullchain.pem
LoadCredential=${cred.tlsKey}:/etc/letsencrypt/live/${host.config.domain}/privkey.pem
<#-- The JVM options of bin/credentials-jvm.options, one line (CredentialsJvmOptionsTest keeps them equal); why each:
     docs/credentials.md, "Memory". -->
Environment="JAVA_TOOL_OPTIONS=-XX:+UseSerialGC -Xmx48m -Xmn16m -Xss256k -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=64m -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError"
ExecStart=/usr/bin/java -jar ${host.jarPath}<#list host.credentialsArgs as arg> ${arg}</#list>
# The JVM exits with 128+15 on SIGTERM.
SuccessExitStatus=143
TimeoutStopSec=20s
Restart=on-failure
RestartSec=5s
MemoryMax=512M
<#if host.config.ports.credentials lt 1024>
CapabilityBoundingSet=CAP_NET_BIND_SERVICE
AmbientCapabilities=CAP_NET_BIND_SERVICE
<#else>
CapabilityBoundingSet=
AmbientCapabilities=
</#if>
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
# No MemoryDenyWriteExecute: HotSpot's JIT needs writable+executable pages.
SystemCallArchitectures=native
SystemCallFilter=@system-service
SystemCallErrorNumber=EPERM
UMask=0077

[Install]
WantedBy=multi-user.target
