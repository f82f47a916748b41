<#-- coturn configuration for one TURN server. Data: spec (dev.turnkit.model.TurnServerSpec), header.
     Every option and gate is explained in docs/templates.md with the reasons from docs/design-notes.md. -->
<#-- turnkit:on-change restart coturn.service -->
# ${header}
# coturn ${spec.version} — profile: ${spec.profile}

# --- Network (design-notes.md §2.1, §4) ---
listening-ip=${spec.listeningIp}
<#list spec.moreListeningIps as ip>
# local profile only: browsers resolve a localhost TURN URI to ::1 too
listening-ip=${ip}
</#list>
relay-ip=${spec.relayIp}
<#if spec.externalIp??>
external-ip=${spec.externalIp}
</#if>
listening-port=${spec.listeningPort}
tls-listening-port=${spec.tlsPort}
min-port=${spec.relay.min}
max-port=${spec.relay.max}

# --- Authentication: TURN REST credentials (design-notes.md §2.2) ---
use-auth-secret
<#if spec.secretsInUserDb()>
# The secrets are the turn_secret rows of this realm in the userdb, read on every authentication and kept equal to
# the secret files by turnkit-sync-secrets: a rotation changes neither this file nor coturn's process.
<#else>
<#list spec.secrets as secret>
static-auth-secret=${secret}
</#list>
</#if>
realm=${spec.realm}
server-name=${spec.realm}
fingerprint
stale-nonce=600
<#if spec.dbFile??>
userdb=${spec.dbFile}
</#if>

# --- TLS (design-notes.md §2.3); cipher-list stays unset: OpenSSL defaults serve ECDSA and RSA certificates ---
cert=${spec.certFile}
pkey=${spec.keyFile}
<#if !spec.atLeast("4.7.0")>
no-tlsv1
no-tlsv1_1
</#if>
<#if !spec.atLeast("4.17.0")>
no-dtls
</#if>

# --- Peer restrictions: SSRF protection (design-notes.md §2.4, §3.3) ---
no-multicast-peers
no-tcp-relay
<#if spec.allowLoopbackPeers>
# local profile only: loopback peers for a relay echo between two local allocations
allow-loopback-peers
cli-password=${spec.cliPassword}
</#if>
<#list spec.allowedPeerIps as ip>
# local profile only: this machine's own interface address (like loopback); overrides the deny list below
allowed-peer-ip=${ip}
</#list>
<#list spec.deniedPeerIps as range>
denied-peer-ip=${range}
</#list>

# --- Quotas and bandwidth, bytes per second (design-notes.md §2.5) ---
user-quota=${spec.userQuota}
total-quota=${spec.totalQuota}
max-bps=${spec.maxBps}
bps-capacity=${spec.bpsCapacity}

# --- Attack surface and logging (design-notes.md §2.6) ---
<#if !spec.atLeast("4.10.0")>
no-cli
</#if>
<#if !spec.atLeast("4.7.0")>
no-software-attribute
no-rfc5780
no-stun-backward-compatibility
response-origin-only-with-rfc5780
</#if>
log-file=stdout
simple-log
new-log-timestamp
