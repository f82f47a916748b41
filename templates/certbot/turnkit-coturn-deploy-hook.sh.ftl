#!/bin/sh
<#-- certbot deploy hook (design-notes.md §5.2, §5.3). Data: host (HostSpec), header. -->
<#-- turnkit:on-change nothing -->
# ${header}
# Runs after every successful issuance or renewal of ${host.config.domain}: gives coturn readable copies of the
# root-only certificate and key, reloads coturn with SIGUSR2 (calls in progress survive) and restarts the
# credentials endpoint, which reads its TLS files through LoadCredential= at start.
set -eu

domain='${host.config.domain}'
tls_dir='/etc/coturn/tls'
group='${host.coturnGroup}'

case " ${r"${RENEWED_DOMAINS:-}"} " in
  *" $domain "*) ;;
  *) exit 0 ;;
esac
: "${r"${RENEWED_LINEAGE:?certbot sets RENEWED_LINEAGE for deploy hooks}"}"

install -d -m 0750 -o root -g "$group" "$tls_dir"
for name in fullchain.pem privkey.pem; do
  tmp=$(mktemp "$tls_dir/.$name.XXXXXX")
  # cat dereferences the live/ symlinks into archive/; rename makes the swap atomic for coturn.
  cat "$RENEWED_LINEAGE/$name" > "$tmp"
  chown "root:$group" "$tmp"
  chmod 0640 "$tmp"
  mv -f "$tmp" "$tls_dir/$name"
done

# SIGUSR2 via the drop-in's ExecReload; a coturn that is not running is started instead.
systemctl reload coturn.service || systemctl restart coturn.service
systemctl try-restart turnkit-credentials.service
