<#-- Schedules turnkit-check.service. Data: host, header. -->
<#-- turnkit:on-change daemon-reload; try-restart turnkit-check.timer -->
# ${header}
[Unit]
Description=Run turnkit check every ${host.config.checkIntervalMinutes} minutes

[Timer]
OnBootSec=3min
OnUnitActiveSec=${host.config.checkIntervalMinutes}min
RandomizedDelaySec=20s
AccuracySec=10s

[Install]
WantedBy=timers.target
