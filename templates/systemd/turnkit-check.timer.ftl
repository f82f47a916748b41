<#-- Schedules turnkit-check.service. Data: host, header. -->
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
