#cloud-config
<#-- cloud-init user-data for the TURN host (design-notes.md §6: write_files runs in the init stage, before packages in
     the final stage, so the hardened config is in place when the package starts coturn). Data: host (HostSpec),
     header, files (list of FileSpec written before the packages). -->
<#-- turnkit:on-change nothing -->
# ${header}
# TURN host ${host.config.domain}, stack ${host.config.stack}, ${host.config.instance.shape.ociName()}, ${host.os}.
# Contains the TURN secret: pass it as Pulumi secret user_data only.
write_files:
<#list files as f>
  - path: ${f.path}
    owner: root:root
    permissions: '${f.mode}'
    content: |
${indent(f.content)}
</#list>
<#if host.os == "ubuntu">
package_update: true
packages:
  - coturn
  - certbot
  - openjdk-17-jre-headless
  - curl
<#if host.config.check.prometheusTextfile>
  - prometheus-node-exporter
</#if>
</#if>
runcmd:
  - [/usr/local/sbin/turnkit-bootstrap]
