package dev.turnkit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything {@code turnserver.conf} needs, for a production host behind OCI's 1:1 NAT or for a local coturn on
 * loopback (the same template renders both). Build it with {@link #production} or {@link #local}; the deny list,
 * version gates and secrets are derived and checked here, not in the template.
 *
 * @param profile            {@code production} or {@code local}
 * @param realm              coturn realm and server-name (the TURN domain)
 * @param listeningIp        the address coturn listens on (the VNIC's private IP; 127.0.0.1 locally)
 * @param relayIp            the address relay sockets bind to (same as listeningIp)
 * @param externalIp         {@code PUBLIC/PRIVATE} for 1:1 NAT, or null when the listening IP is reachable as is
 * @param listeningPort      TURN over UDP and TCP
 * @param tlsPort            TURN over TLS
 * @param relay              relay port range
 * @param version            coturn version the options are gated on
 * @param secrets            one or two TURN REST secrets (current first); placeholders when redacted. The local
 *                           profile renders them as {@code static-auth-secret}; production keeps them in the
 *                           userdb instead ({@link #secretsInUserDb()})
 * @param certFile           TLS certificate chain (PEM) readable by coturn
 * @param keyFile            TLS private key (PEM) readable by coturn
 * @param userQuota          concurrent allocations per user
 * @param totalQuota         concurrent allocations in total
 * @param maxBps             bytes/s per session
 * @param bpsCapacity        bytes/s for the whole server
 * @param deniedPeerIps      {@code denied-peer-ip} ranges, in order
 * @param allowLoopbackPeers local profile only: relay to loopback for a local echo test (needs a CLI password)
 * @param cliPassword        only with allowLoopbackPeers: coturn refuses allow-loopback-peers without one
 * @param dbFile             coturn's SQLite userdb path (4.6.1 opens it even with use-auth-secret), or null for
 *                           the package default {@code /var/lib/turn/turndb}; production: the OS package's state
 *                           directory, where its {@code turn_secret} rows hold the secrets
 * @param allowedPeerIps     local profile only: {@code allowed-peer-ip} addresses that override the deny list, the
 *                           machine's own interface addresses (they are this machine, like loopback), so a browser's
 *                           host candidates can be reached through the relay; always empty in production
 * @param moreListeningIps   local profile only: further {@code listening-ip} lines, {@code ::1} where the machine has
 *                           it: browsers resolve a {@code localhost} TURN URI to {@code ::1} as well and wait for
 *                           an allocation nobody answers (docs/local.md); always empty in production
 */
public record TurnServerSpec(
        String profile,
        String realm,
        String listeningIp,
        String relayIp,
        String externalIp,
        int listeningPort,
        int tlsPort,
        PortRange relay,
        CoturnVersion version,
        List<String> secrets,
        String certFile,
        String keyFile,
        int userQuota,
        int totalQuota,
        long maxBps,
        long bpsCapacity,
        List<String> deniedPeerIps,
        boolean allowLoopbackPeers,
        String cliPassword,
        String dbFile,
        List<String> allowedPeerIps,
        List<String> moreListeningIps) {

    /** Listening on {@code listeningIp} only. */
    public TurnServerSpec(String profile, String realm, String listeningIp, String relayIp, String externalIp,
            int listeningPort, int tlsPort, PortRange relay, CoturnVersion version, List<String> secrets,
            String certFile, String keyFile, int userQuota, int totalQuota, long maxBps, long bpsCapacity,
            List<String> deniedPeerIps, boolean allowLoopbackPeers, String cliPassword, String dbFile,
            List<String> allowedPeerIps) {
        this(profile, realm, listeningIp, relayIp, externalIp, listeningPort, tlsPort, relay, version, secrets,
                certFile, keyFile, userQuota, totalQuota, maxBps, bpsCapacity, deniedPeerIps, allowLoopbackPeers,
                cliPassword, dbFile, allowedPeerIps, List.of());
    }

    /** IANA special-purpose IPv4 ranges (design-notes.md §2.4), one {@code denied-peer-ip} line each. */
    public static final List<String> DENIED_IPV4 =
            Cidr.SPECIAL_PURPOSE_V4.stream().map(Cidr::toRange).toList();

    /** IANA special-purpose IPv6 ranges incl. NAT64 and 6to4, all CIDR-aligned (design-notes.md §2.4, §3.2). */
    public static final List<String> DENIED_IPV6 = List.of(
            "::1", "64:ff9b::-64:ff9b::ffff:ffff", "64:ff9b:1::-64:ff9b:1:ffff:ffff:ffff:ffff:ffff",
            "100::-100::ffff:ffff:ffff:ffff", "2001::-2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff",
            "2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2002::-2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "2620:4f:8000::-2620:4f:8000:ffff:ffff:ffff:ffff:ffff", "3fff::-3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff",
            "5f00::-5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff");

    /** CVE-2026-27624 workaround: IPv4-mapped IPv6 peers bypass the IPv4 ranges before 4.9.0 (design-notes.md §3.3). */
    public static final String DENIED_V4_MAPPED = "::ffff:0.0.0.0-::ffff:255.255.255.255";

    /**
     * IPv4-compatible {@code ::a.b.c.d} peers (e.g. {@code ::127.0.0.1}) bypass the IPv4 ranges before 4.13.1
     * (design-notes.md §9). Denied as CIDR-aligned blocks for 1.0.0.0-255.255.255.255 that do not start at
     * {@code ::}, which coturn before 4.16 would read as "any" and so block every peer (design-notes.md §3.2).
     */
    public static final List<String> DENIED_V4_COMPATIBLE = List.of(
            "::100:0-::1ff:ffff", "::200:0-::3ff:ffff", "::400:0-::7ff:ffff", "::800:0-::fff:ffff",
            "::1000:0-::1fff:ffff", "::2000:0-::3fff:ffff", "::4000:0-::7fff:ffff", "::8000:0-::ffff:ffff");

    /** Where the certbot deploy hook puts coturn's copies of the certificate (design-notes.md §5.2). */
    public static final String PRODUCTION_CERT = "/etc/coturn/tls/fullchain.pem";
    public static final String PRODUCTION_KEY = "/etc/coturn/tls/privkey.pem";

    private static final Pattern SECRET_CHARS = Pattern.compile("[\\x21-\\x7e&&[^\"'#\\\\]]{16,256}");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]{7,15}|[0-9A-Fa-f:.]{2,45}");
    private static final Pattern REDACTED = Pattern.compile("REDACTED-[A-Za-z0-9:._-]+");

    public TurnServerSpec {
        secrets = List.copyOf(secrets);
        deniedPeerIps = List.copyOf(deniedPeerIps);
        allowedPeerIps = allowedPeerIps == null ? List.of() : List.copyOf(allowedPeerIps);
        moreListeningIps = moreListeningIps == null ? List.of() : List.copyOf(moreListeningIps);
        if (secrets.isEmpty() || secrets.size() > 2) {
            throw new IllegalArgumentException("one or two TURN secrets expected (current, previous), got "
                    + secrets.size());
        }
        if (allowLoopbackPeers && (cliPassword == null || cliPassword.isBlank())) {
            throw new IllegalArgumentException("allow-loopback-peers needs a cli-password (coturn refuses it "
                    + "otherwise)");
        }
        if (allowLoopbackPeers && "production".equals(profile)) {
            throw new IllegalArgumentException("allow-loopback-peers is for local testing only, never production");
        }
        checkLocalOnlyAddresses(profile, "allowed-peer-ip", allowedPeerIps, "it punches holes in the SSRF deny list");
        checkLocalOnlyAddresses(profile, "listening-ip", moreListeningIps, "production listens on the private IP only");
    }

    /** Options that name single addresses and exist in the local profile only. */
    private static void checkLocalOnlyAddresses(String profile, String option, List<String> ips, String whyNot) {
        if (!ips.isEmpty() && !"local".equals(profile)) {
            throw new IllegalArgumentException(option + " " + ips + " is for the local profile only, never "
                    + "production: " + whyNot);
        }
        for (String ip : ips) {
            if (!IP_LITERAL.matcher(ip).matches()) {
                throw new IllegalArgumentException(option + " takes single addresses, got '" + ip + "'");
            }
        }
    }

    /** Whether the version is at least {@code v}; templates gate options with it ({@code spec.atLeast("4.7.0")}). */
    public boolean atLeast(String v) {
        return version.atLeast(v);
    }

    /**
     * The production profile: listen and relay on the private IP, advertise {@code PUBLIC/PRIVATE} (design-notes.md §4),
     * TLS from the deploy hook's copies.
     *
     * @param secrets the current and optionally the previous TURN secret values (or redaction placeholders)
     */
    public static TurnServerSpec production(StackConfig config, List<String> secrets) {
        String publicIp = config.network().publicIp().orElseThrow(() -> new ConfigException(
                "turnkit:publicIp: missing — rendering needs the reserved public IP (set turnkit:publicIp, or pass "
                        + "--public-ip for a preview); coturn advertises it as external-ip"));
        String privateIp = config.network().privateIp();
        return productionWithAddresses(config, publicIp, privateIp, secrets);
    }

    /**
     * The production profile with explicit addresses, e.g. loopback stand-ins for a test on real coturn (the
     * options are those of production; only the addresses differ). Not validated against the stack's subnet.
     */
    public static TurnServerSpec productionWithAddresses(StackConfig config, String publicIp, String privateIp,
            List<String> secrets) {
        checkSecrets(secrets);
        StackConfig.Coturn c = config.coturn();
        return new TurnServerSpec("production", config.domain(), privateIp, privateIp, publicIp + "/" + privateIp,
                config.ports().listening(), config.ports().tls(), config.ports().relay(), c.version(), secrets,
                PRODUCTION_CERT, PRODUCTION_KEY, c.userQuota(), c.totalQuota(), c.maxBps(), c.bpsCapacity(),
                deniedPeers(c.version(), config.network().vcnCidr(), false), false, null,
                config.instance().os().coturnStateDir() + "/turndb", List.of());
    }

    /**
     * Whether coturn finds the secrets in the {@code turn_secret} table of {@link #dbFile} rather than in
     * {@code static-auth-secret} lines: production does, because coturn reads static-auth-secret only at start, so
     * every change would restart it and drop the calls in progress, while it queries the table on every
     * authentication (docs/deploy.md, "--rotate-secret"). The local profile keeps static-auth-secret: it has no
     * rotation and one process less to run.
     */
    public boolean secretsInUserDb() {
        return "production".equals(profile);
    }

    /** The same settings with another userdb file (e.g. a test's temporary one). */
    public TurnServerSpec withDbFile(String file) {
        return new TurnServerSpec(profile, realm, listeningIp, relayIp, externalIp, listeningPort, tlsPort, relay,
                version, secrets, certFile, keyFile, userQuota, totalQuota, maxBps, bpsCapacity, deniedPeerIps,
                allowLoopbackPeers, cliPassword, file, allowedPeerIps, moreListeningIps);
    }

    /** The same settings with other certificate and key files (e.g. a test's self-signed pair). */
    public TurnServerSpec withTlsFiles(String cert, String key) {
        return new TurnServerSpec(profile, realm, listeningIp, relayIp, externalIp, listeningPort, tlsPort, relay,
                version, secrets, cert, key, userQuota, totalQuota, maxBps, bpsCapacity, deniedPeerIps,
                allowLoopbackPeers, cliPassword, dbFile, allowedPeerIps, moreListeningIps);
    }

    /** Options for {@link #local}: what {@code turnkit local up} chooses. */
    public record LocalOptions(String realm, int listeningPort, int tlsPort, PortRange relay, CoturnVersion version,
            List<String> secrets, String certFile, String keyFile, String dbFile, boolean allowLoopbackPeers,
            String cliPassword, List<String> allowedPeerIps, List<String> moreListeningIps) {
        /** Listening on 127.0.0.1 only. */
        public LocalOptions(String realm, int listeningPort, int tlsPort, PortRange relay, CoturnVersion version,
                List<String> secrets, String certFile, String keyFile, String dbFile, boolean allowLoopbackPeers,
                String cliPassword, List<String> allowedPeerIps) {
            this(realm, listeningPort, tlsPort, relay, version, secrets, certFile, keyFile, dbFile,
                    allowLoopbackPeers, cliPassword, allowedPeerIps, List.of());
        }

        /** Without allowed peer addresses beyond loopback. */
        public LocalOptions(String realm, int listeningPort, int tlsPort, PortRange relay, CoturnVersion version,
                List<String> secrets, String certFile, String keyFile, String dbFile, boolean allowLoopbackPeers,
                String cliPassword) {
            this(realm, listeningPort, tlsPort, relay, version, secrets, certFile, keyFile, dbFile,
                    allowLoopbackPeers, cliPassword, List.of());
        }
    }

    /**
     * The local profile: coturn on 127.0.0.1 with the caller's ports, a self-signed certificate and the full deny
     * list. Loopback peers stay denied unless {@code allowLoopbackPeers} (for a relay echo between two local
     * allocations); coturn then needs a CLI password although the CLI stays off.
     */
    public static TurnServerSpec local(LocalOptions o) {
        checkSecrets(o.secrets());
        return new TurnServerSpec("local", o.realm(), "127.0.0.1", "127.0.0.1", null, o.listeningPort(),
                o.tlsPort(), o.relay(), o.version(), o.secrets(), o.certFile(), o.keyFile(), 10, 300, 250_000,
                100_000_000, deniedPeers(o.version(), null, o.allowLoopbackPeers()), o.allowLoopbackPeers(),
                o.cliPassword(), o.dbFile(), o.allowedPeerIps(), o.moreListeningIps());
    }

    /**
     * The deny list for a version: IPv4 + IPv6 ranges, the ::ffff: rule below 4.9.0, the ::a.b.c.d blocks below
     * 4.13.1, the VCN if not covered.
     */
    public static List<String> deniedPeers(CoturnVersion version, Cidr vcn, boolean allowLoopback) {
        List<String> out = new ArrayList<>();
        for (String r : DENIED_IPV4) {
            if (!(allowLoopback && r.startsWith("127."))) {
                out.add(r);
            }
        }
        if (vcn != null && Cidr.SPECIAL_PURPOSE_V4.stream().noneMatch(s -> s.contains(vcn))) {
            out.add(vcn.toRange());
        }
        for (String r : DENIED_IPV6) {
            if (!(allowLoopback && r.equals("::1"))) {
                out.add(r);
            }
        }
        if (version.below("4.9.0")) {
            out.add(DENIED_V4_MAPPED);
        }
        if (version.below("4.13.1")) {
            out.addAll(DENIED_V4_COMPATIBLE);
        }
        return out;
    }

    /** A placeholder that stands for a secret in files rendered for review. */
    public static String redacted(String key) {
        return "REDACTED-" + key;
    }

    static void checkSecrets(List<String> secrets) {
        for (String s : secrets) {
            if (s == null || !(SECRET_CHARS.matcher(s).matches() || REDACTED.matcher(s).matches())) {
                throw new ConfigException("TURN secret: unusable value — expected 16 to 256 printable ASCII "
                        + "characters without spaces, quotes, '#' or '\\' (e.g. 'openssl rand -base64 32')");
            }
        }
        if (secrets.size() == 2 && secrets.get(0).equals(secrets.get(1))) {
            throw new ConfigException("TURN secret: the previous secret equals the current one — remove "
                    + "turnkit:previousTurnSecret(File) or rotate to a new current secret");
        }
    }
}
