package dev.turnkit.model;

import dev.turnkit.model.StackKey.Parser;
import dev.turnkit.model.StackKey.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The one table of {@code turnkit:} stack keys: for each, its name, {@code Pulumi.yaml} type, default, parser,
 * checks and one-line description. Everything else is derived from it or tested against it:
 * {@link StackConfig#KEYS} and the unknown-key check are {@link #ALL}; {@code StackKeysTest} checks that
 * {@code Pulumi.yaml} declares exactly these keys with the same type, description and default, and that
 * {@code docs/stack-config.md} documents exactly these keys, in this order, with the same defaults.
 *
 * <h2>Adding a key</h2>
 * <ol>
 *   <li>Declare it here, once, next to the keys of its topic, and add it to {@link #ALL} in documentation order:
 *       <pre>{@code
 * public static final StackKey<Integer> METRICS_PORT = integer("metricsPort", 1, 65535, "",
 *         "Port of the Prometheus metrics endpoint").withDefault("9641");
 *       }</pre>
 *       The parser ({@link #text}, {@link #integer}, {@link #longInteger}, {@link #bool}, {@link #cidr},
 *       {@link #list}, {@link #oneOf}) gives the type and the "expected …" message; {@code withDefault},
 *       {@code requiredAs(hint)} and {@code check(predicate, problem)} add the rest. A check that more than one
 *       part of turnkit applies to the same kind of value belongs in {@link Validators}.</li>
 *   <li>Read it where the value lands in {@link StackConfig}, in {@code StackConfigParser} ({@code FirebaseSection}
 *       for a key of the Firebase side): one {@code in.get(StackKeys.METRICS_PORT)}, plus any check that involves
 *       other keys; and add the field to the record of its topic.</li>
 *   <li>Add it to {@code Pulumi.yaml} (type, default, this description) and a row to
 *       {@code docs/stack-config.md}; {@code StackKeysTest} fails until both agree with the table.</li>
 * </ol>
 * Optional keys need a {@code Pulumi.yaml} default: the key's default, or "not set": {@code ""} for strings,
 * {@code []} for lists, {@code 0} for an integer key declared {@code withZeroMeaningUnset()} (its default is
 * computed from other keys).
 *
 * <p>Size: this class is the table, one declaration per key; it grows by a few lines with each key and holds no
 * logic of its own (that is in {@code StackKey} and {@code StackConfigParser}).
 */
public final class StackKeys {
    private StackKeys() {
    }

    // ---- addresses and network ----------------------------------------------------------------------------
    public static final StackKey<String> DOMAIN = text("domain",
            "DNS name of the TURN server (coturn realm, certificate name), e.g. turn.example.com")
            .requiredAs("the TURN server's DNS name, e.g. turn.example.com")
            .check(Validators::isHostname, d -> "'" + d + "' — expected a lowercase DNS name with at least two "
                    + "labels, e.g. turn.example.com (coturn needs a name for the realm and the certificate)");
    public static final StackKey<String> PUBLIC_IP = text("publicIp",
            "Reserved public IP for `turnkit render` previews; leave empty, Pulumi creates the reserved IP");
    public static final StackKey<String> PRIVATE_IP = text("privateIp",
            "Fixed private IP of the VM inside subnetCidr, e.g. 10.0.0.10 (coturn listening-ip/relay-ip)")
            .requiredAs("the VM's fixed private IP inside turnkit:subnetCidr, e.g. 10.0.0.10 (coturn listens and "
                    + "relays on it: docs/stack-config.md)");
    public static final StackKey<Cidr> VCN_CIDR = cidr("vcnCidr", "e.g. 10.0.0.0/16",
            "CIDR of the virtual cloud network").withDefault("10.0.0.0/16")
            .check(c -> c.prefix() >= 16 && c.prefix() <= 30, c -> c + " — OCI allows a VCN prefix from /16 to /30");
    public static final StackKey<Cidr> SUBNET_CIDR = cidr("subnetCidr", "e.g. 10.0.0.0/24",
            "CIDR of the regional subnet, inside vcnCidr").withDefault("10.0.0.0/24");

    // ---- ports --------------------------------------------------------------------------------------------
    public static final StackKey<Integer> LISTENING_PORT = integer("listeningPort", 1, 65535, "",
            "STUN/TURN port, UDP and TCP").withDefault("3478");
    public static final StackKey<Integer> TLS_LISTENING_PORT = integer("tlsListeningPort", 1, 65535, "",
            "TURN over TLS port (TCP)").withDefault("5349");
    public static final StackKey<Integer> CREDENTIALS_PORT = integer("credentialsPort", 1, 65535, "",
            "HTTPS port of the credentials endpoint").withDefault("443");
    public static final StackKey<Integer> RELAY_MIN_PORT = integer("relayMinPort", 1024, 65535, "",
            "First port of coturn's relay range (UDP, open to everyone)").withDefault("49152");
    public static final StackKey<Integer> RELAY_MAX_PORT = integer("relayMaxPort", 1024, 65535, "",
            "Last port of coturn's relay range").withDefault("50151");

    // ---- instance -----------------------------------------------------------------------------------------
    public static final StackKey<Shape> SHAPE = oneOf("shape", Shape::fromOciName,
            "allowed: " + Shape.allowed() + " (the Always Free shapes)",
            "VM.Standard.A1.Flex (Ampere, arm64) or VM.Standard.E2.1.Micro (AMD, 50 Mbps)")
            .withDefault("VM.Standard.A1.Flex");
    public static final StackKey<Integer> OCPUS = integer("ocpus", 1, 80, "",
            "A1 OCPUs (Always Free 2 in total since June 2026); 0 = default (1); leave 0 for E2.1.Micro")
            .withDefault("1").withZeroMeaningUnset();
    public static final StackKey<Integer> MEMORY_GB = integer("memoryGb", 1, 512, " GB",
            "A1 memory in GB (Always Free 12 in total); 0 = default (6); leave 0 for E2.1.Micro")
            .withDefault("6").withZeroMeaningUnset();
    public static final StackKey<Integer> BOOT_VOLUME_GB = integer("bootVolumeGb", 47, 32768, " GB",
            "Boot volume in GB (at least 47; Always Free 200 GB of block storage in total)").withDefault("50");
    public static final StackKey<HostOs> OS = oneOf("os", HostOs::fromKey, "allowed: ubuntu | oracle-linux",
            "Platform image, ubuntu (Canonical Ubuntu 24.04) or oracle-linux (Oracle Linux 9)").withDefault("ubuntu");

    // ---- coturn -------------------------------------------------------------------------------------------
    public static final StackKey<CoturnVersion> COTURN_VERSION = oneOf("coturnVersion", CoturnVersion::parseOrNull,
            "expected the output of 'turnserver --version', e.g. 4.6.1",
            "coturn version on the image (options are gated on it); empty = the distribution's")
            .withDefault("4.6.1")
            .check(v -> v.compareTo(CoturnVersion.OLDEST_SUPPORTED) >= 0, v -> v + " — allowed: "
                    + CoturnVersion.OLDEST_SUPPORTED + " or newer (older releases have CVE-2020-26262 and lack "
                    + "new-log-timestamp)");
    public static final StackKey<Integer> USER_QUOTA = integer("userQuota", 1, 100_000,
            " concurrent allocations per user", "Concurrent allocations per user").withDefault("10");
    public static final StackKey<Integer> TOTAL_QUOTA = integer("totalQuota", 1, 1_000_000,
            " concurrent allocations", "Concurrent allocations in total").withDefault("300");
    public static final StackKey<Long> MAX_BPS = longInteger("maxBps", 1_000, 1_000_000_000L,
            " bytes/s per session", "Bytes per second per session").withDefault("250000");
    /** No fixed default: the shape decides it ({@code StackConfigParser}). */
    public static final StackKey<Long> BPS_CAPACITY = longInteger("bpsCapacity", 1_000, 100_000_000_000L,
            " bytes/s", "Bytes per second for all sessions; 0 = the shape's default").withZeroMeaningUnset();
    /** The egress quota preset ({@link EgressBudget}): caps the four keys above when set. */
    public static final StackKey<Integer> CONCURRENT_SESSIONS = integer("concurrentSessions", 1, 100_000,
            " concurrent relayed sessions", "Concurrent relayed sessions the egress quota preset plans for; "
                    + "0 = no preset").withZeroMeaningUnset();
    public static final StackKey<Integer> EGRESS_ALLOWANCE_GB = integer("egressAllowanceGb", 1, 1_000_000,
            " GB a month", "Outbound GB a month the quota preset keeps coturn under (OCI Always Free: 10000)")
            .withDefault("10000");

    // ---- access -------------------------------------------------------------------------------------------
    public static final StackKey<String> ADMIN_SSH_CIDR = cidrText("adminSshCidr",
            "The only CIDR allowed to reach SSH, e.g. 203.0.113.7/32 (never 0.0.0.0/0)")
            .requiredAs("the CIDR allowed to reach SSH, e.g. 203.0.113.7/32")
            .check(c -> Cidr.parse(c).prefix() != 0, c -> c + " — SSH must never be open to the whole internet; "
                    + "use your address, e.g. 203.0.113.7/32");
    public static final StackKey<String> ACME_EMAIL = text("acmeEmail",
            "Let's Encrypt account e-mail for the TLS certificate")
            .requiredAs("the Let's Encrypt account e-mail, e.g. ops@example.com")
            .check(Validators::isEmail, e -> "'" + e + "' — expected an e-mail address");
    public static final StackKey<String> SSH_PUBLIC_KEY = text("sshPublicKey",
            "OpenSSH public key line installed for the login user")
            .requiredAs("an OpenSSH public key line, e.g. 'ssh-ed25519 AAAA... you@host'")
            .check(Validators::isSshPublicKey, k -> "'" + abbreviate(k) + "' — expected an OpenSSH public key "
                    + "line (ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa), not a private key");

    // ---- credentials endpoint -----------------------------------------------------------------------------
    public static final StackKey<Integer> CREDENTIALS_MAX_TTL = integer("credentialsMaxTtl", 60, 86_400,
            " seconds (coturn has no upper bound itself and HMAC credentials cannot be revoked: keep it short)",
            "Longest credential lifetime in seconds").withDefault("3600");
    public static final StackKey<List<String>> ALLOWED_ORIGINS = list("allowedOrigins", Validators::isOrigin,
            o -> "'" + o + "' — expected " + Validators.ORIGIN_RULE,
            "Exact browser origins allowed to call the credentials endpoint");
    public static final StackKey<String> FIREBASE_PROJECT_ID = text("firebaseProjectId",
            "Firebase project whose ID tokens the credentials endpoint accepts")
            .requiredAs("the Firebase project id whose ID tokens the credentials endpoint accepts, e.g. my-app-1234")
            .check(Validators::isProjectId, p -> "'" + p + "' — expected a project id: " + Validators.PROJECT_ID_RULE);

    // ---- TURN secret: exactly one of turnSecret or turnSecretFile (StackConfigParser) -----------------------
    public static final StackKey<String> TURN_SECRET = text("turnSecret",
            "TURN shared secret; set it only with `pulumi config set --secret turnkit:turnSecret`").asSecret();
    public static final StackKey<String> TURN_SECRET_FILE = filePath("turnSecretFile",
            "Path (relative to the project) of a file holding the TURN shared secret on its first line");
    public static final StackKey<String> PREVIOUS_TURN_SECRET = text("previousTurnSecret",
            "Previous TURN secret during rotation (--secret), still accepted by coturn").asSecret();
    public static final StackKey<String> PREVIOUS_TURN_SECRET_FILE = filePath("previousTurnSecretFile",
            "File holding the previous TURN secret during rotation");

    // ---- Oracle Cloud placement ---------------------------------------------------------------------------
    public static final StackKey<String> COMPARTMENT_ID = text("compartmentId",
            "OCID of the compartment for every resource (the tenancy OCID for the root compartment)")
            .requiredAs("the OCID of the compartment for all resources (ocid1.compartment... or the tenancy OCID)")
            .check(Validators::isCompartmentOcid, c -> "'" + c + "' — expected an OCID such as "
                    + "ocid1.compartment.oc1..aaaa... or ocid1.tenancy.oc1..aaaa...");
    public static final StackKey<List<String>> AVAILABILITY_DOMAINS = list("availabilityDomains",
            Validators::isAvailabilityDomain, ad -> "'" + ad + "' — expected an AD name like Uocm:EU-FRANKFURT-1-AD-1",
            "Availability domains in order of preference; the first is used (see docs/pulumi.md on capacity)")
            .requiredAs("the availability domains to try, in order, e.g. [\"Uocm:EU-FRANKFURT-1-AD-1\"] "
                    + "(out-of-capacity retries move to the next)")
            .nonEmpty("list at least one availability domain");
    public static final StackKey<String> DNS_ZONE = text("dnsZone",
            "OCI DNS zone that holds domain; when set, Pulumi manages the A record; empty = DNS elsewhere")
            .check(Validators::isHostname, z -> "'" + z + "' — expected a DNS zone name, e.g. example.com");
    public static final StackKey<Boolean> ALLOW_PAID = bool("allowPaid",
            "Accept resources beyond the Always Free allowance (they cost money)").withDefault("false");

    // ---- release and checks -------------------------------------------------------------------------------
    public static final StackKey<String> TURNKIT_VERSION = text("turnkitVersion",
            "Release of turnkit.jar the VM downloads from turnkitReleaseRepo (checksum fetched from the release)")
            .check(ReleaseAssets::isVersion, v -> "'" + abbreviate(v) + "' — expected " + ReleaseAssets.VERSION_RULE);
    public static final StackKey<String> TURNKIT_RELEASE_REPO = text("turnkitReleaseRepo",
            "GitHub repository (owner/name) that publishes the turnkit releases, required with turnkitVersion")
            .check(ReleaseAssets::isRepo, r -> "'" + abbreviate(r) + "' — expected " + ReleaseAssets.REPO_RULE);
    public static final StackKey<String> TURNKIT_JAR_URL = text("turnkitJarUrl",
            "https URL of turnkit.jar that cloud-init downloads; empty (and no turnkitVersion) = the stack uploads"
                    + " target/turnkit.jar")
            .check(Validators::isHttpsUrl, u -> "'" + u + "' — expected an https:// URL of turnkit.jar");
    public static final StackKey<String> TURNKIT_JAR_SHA256 = text("turnkitJarSha256",
            "sha256 of turnkit.jar, required with turnkitJarUrl; with turnkitVersion it must match the release's")
            .check(Validators::isSha256Hex, s -> "'" + s + "' — expected 64 lowercase hex digits");
    public static final StackKey<Integer> TURNKIT_JAR_UPLOAD_MINUTES = integer("turnkitJarUploadMinutes", 30, 1440,
            " minutes", "Without turnkitJarUrl or turnkitVersion: lifetime of the pre-authenticated URL of the uploaded"
                    + " target/turnkit.jar")
            .withDefault("120");
    public static final StackKey<List<String>> STUN_SERVERS = list("stunServers",
            s -> s.matches("[A-Za-z0-9.-]+:[0-9]{1,5}"), s -> "'" + s + "' — expected host:port, e.g. "
                    + "stun.l.google.com:19302",
            "Public STUN servers (host:port) the first boot asks for the VM's public address; empty = two defaults");
    public static final StackKey<Integer> CHECK_INTERVAL_SECONDS = integer("checkIntervalSeconds", 10, 3600,
            " seconds", "Interval of the on-host `turnkit check --watch` service").withDefault("30");
    public static final StackKey<Boolean> CHECK_PROMETHEUS_TEXTFILE = bool("checkPrometheusTextfile",
            "Install prometheus-node-exporter and have the on-host check write its textfile").withDefault("false");

    // ---- the Firebase side (infra.SignalingBackend); the project is FIREBASE_PROJECT_ID ----------------------
    public static final StackKey<String> FIRESTORE_LOCATION = text("firestoreLocation",
            "Firestore location (e.g. eur3, nam5, europe-west1); set = Pulumi manages the Firebase side")
            .check(FirestoreLocations::isKnown, l -> "'" + l + "' — not a Firestore location; e.g. eur3, nam5,"
                    + " europe-west1, us-central1 (all: docs/firebase.md; it cannot be changed later)");
    public static final StackKey<String> FIRESTORE_DATABASE = text("firestoreDatabase",
            "Firestore database id; empty = (default), the only one with a free quota")
            .check(d -> d.equals("(default)") || d.matches("[a-z][a-z0-9-]{2,61}[a-z0-9]"), d -> "'" + d
                    + "' — expected (default) or 4 to 63 lower-case letters, digits and '-', starting with a letter");
    public static final StackKey<Boolean> FIRESTORE_DELETE_PROTECTION = bool("firestoreDeleteProtection",
            "Firestore delete protection (turn off before pulumi destroy)").withDefault("true");
    public static final StackKey<Boolean> FIRESTORE_POINT_IN_TIME_RECOVERY = bool("firestorePointInTimeRecovery",
            "Firestore point-in-time recovery (billing only)").withDefault("false");
    public static final StackKey<List<String>> SIGN_IN_PROVIDERS = list("signInProviders",
            p -> p.equals("email") || p.equals("anonymous"), p -> "'" + p + "' — allowed: email, anonymous",
            "Sign-in providers, email and/or anonymous; empty = [email]");
    public static final StackKey<List<String>> AUTHORIZED_DOMAINS = list("authorizedDomains",
            d -> d.equals("localhost") || Validators.isHostname(d), d -> "'" + d + "' — expected a host name, e.g."
                    + " app.example.com (no scheme, no port)",
            "Domains allowed to sign in; empty = localhost, the Firebase hosting domains and the allowedOrigins hosts");
    public static final StackKey<Boolean> GCP_BILLING = bool("gcpBilling",
            "The project has billing (Blaze); allows billing-only options and turns on the TTL policies")
            .withDefault("false");

    /** Every key, in the order of {@code docs/stack-config.md}. */
    public static final List<StackKey<?>> ALL = List.of(
            DOMAIN, PUBLIC_IP, PRIVATE_IP, VCN_CIDR, SUBNET_CIDR,
            LISTENING_PORT, TLS_LISTENING_PORT, CREDENTIALS_PORT, RELAY_MIN_PORT, RELAY_MAX_PORT,
            SHAPE, OCPUS, MEMORY_GB, BOOT_VOLUME_GB, OS,
            COTURN_VERSION, USER_QUOTA, TOTAL_QUOTA, MAX_BPS, BPS_CAPACITY, CONCURRENT_SESSIONS, EGRESS_ALLOWANCE_GB,
            ADMIN_SSH_CIDR, ACME_EMAIL, SSH_PUBLIC_KEY,
            CREDENTIALS_MAX_TTL, ALLOWED_ORIGINS, FIREBASE_PROJECT_ID,
            TURN_SECRET, TURN_SECRET_FILE, PREVIOUS_TURN_SECRET, PREVIOUS_TURN_SECRET_FILE,
            COMPARTMENT_ID, AVAILABILITY_DOMAINS, DNS_ZONE, ALLOW_PAID,
            TURNKIT_VERSION, TURNKIT_RELEASE_REPO, TURNKIT_JAR_URL, TURNKIT_JAR_SHA256, TURNKIT_JAR_UPLOAD_MINUTES,
            STUN_SERVERS, CHECK_INTERVAL_SECONDS, CHECK_PROMETHEUS_TEXTFILE,
            FIRESTORE_LOCATION, FIRESTORE_DATABASE, FIRESTORE_DELETE_PROTECTION, FIRESTORE_POINT_IN_TIME_RECOVERY,
            SIGN_IN_PROVIDERS, AUTHORIZED_DOMAINS, GCP_BILLING);

    private static final Map<String, StackKey<?>> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(StackKey::name, k -> k));

    /** The key of that name (without the namespace), or {@code null}. */
    public static StackKey<?> byName(String name) {
        return BY_NAME.get(name);
    }

    /** The names of {@link #ALL}, in order. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (StackKey<?> key : ALL) {
            names.add(key.name());
        }
        return List.copyOf(names);
    }

    // ---- parsers: the "expected ..." message of each kind of value ----------------------------------------

    static StackKey<String> text(String name, String description) {
        return StackKey.of(name, Type.STRING, description, (v, p) -> (String) v);
    }

    /** A file path: one line, no NUL. */
    static StackKey<String> filePath(String name, String description) {
        return StackKey.of(name, Type.STRING, description, (v, p) -> {
            String s = (String) v;
            if (s.contains("\n") || s.contains("\0")) {
                p.add("'" + abbreviate(s) + "' — expected a file path");
                return null;
            }
            return s;
        });
    }

    /** A whole number from {@code min} to {@code max}; {@code unit} follows the range in messages. */
    static StackKey<Integer> integer(String name, int min, int max, String unit, String description) {
        Parser<Long> n = number(min, max, unit);
        return StackKey.of(name, Type.INTEGER, description, (v, p) -> {
            Long l = n.parse(v, p);
            return l == null ? null : Math.toIntExact(l);
        });
    }

    static StackKey<Long> longInteger(String name, long min, long max, String unit, String description) {
        return StackKey.of(name, Type.INTEGER, description, number(min, max, unit));
    }

    private static Parser<Long> number(long min, long max, String unit) {
        return (v, p) -> {
            long n;
            try {
                n = Long.parseLong((String) v);
            } catch (NumberFormatException e) {
                p.add("'" + v + "' — expected a whole number from " + min + " to " + max + unit);
                return null;
            }
            if (n < min || n > max) {
                p.add(n + " — allowed: " + min + " to " + max + unit);
                return null;
            }
            return n;
        };
    }

    static StackKey<Boolean> bool(String name, String description) {
        return StackKey.of(name, Type.BOOLEAN, description, (v, p) -> {
            if (v.equals("true") || v.equals("false")) {
                return Boolean.parseBoolean((String) v);
            }
            p.add("'" + v + "' — expected true or false");
            return null;
        });
    }

    /** An IPv4 CIDR with zero host bits; {@code example} ends the message ("e.g. 10.0.0.0/16"). */
    static StackKey<Cidr> cidr(String name, String example, String description) {
        return StackKey.of(name, Type.STRING, description, (v, p) -> {
            Cidr c = Cidr.parseOrNull((String) v);
            if (c == null) {
                p.add("'" + v + "' — expected an IPv4 CIDR with zero host bits, " + example);
            }
            return c;
        });
    }

    /** A CIDR kept as written (for the firewall rules). */
    static StackKey<String> cidrText(String name, String description) {
        return StackKey.of(name, Type.STRING, description, (v, p) -> {
            if (Cidr.parseOrNull((String) v) == null) {
                p.add("'" + v + "' — expected an IPv4 CIDR such as 203.0.113.7/32 (host bits zero)");
                return null;
            }
            return (String) v;
        });
    }

    /** One of a set of names; {@code lookup} returns null for anything else, reported as {@code allowed}. */
    static <T> StackKey<T> oneOf(String name, Function<String, T> lookup, String allowed, String description) {
        return StackKey.of(name, Type.STRING, description, (v, p) -> {
            T value = lookup.apply((String) v);
            if (value == null) {
                p.add("'" + v + "' — " + allowed);
            }
            return value;
        });
    }

    /** A list of strings, each checked; bad items are reported one by one and the list is kept. */
    @SuppressWarnings("unchecked")
    static StackKey<List<String>> list(String name, Predicate<String> itemOk, Function<String, String> problem,
            String description) {
        return StackKey.of(name, Type.ARRAY, description, (v, p) -> {
            List<String> items = (List<String>) v;
            for (String item : items) {
                if (!itemOk.test(item)) {
                    p.add(problem.apply(item));
                }
            }
            return items;
        });
    }

    static String abbreviate(String s) {
        return s.length() <= 24 ? s : s.substring(0, 20) + "...";
    }
}
