package dev.turnkit.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads and validates {@link StackConfig}; collects every problem before failing. */
final class StackConfigParser {
    private static final String PREFIX = StackConfig.NAMESPACE + ":";
    private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SSH_KEY =
            Pattern.compile("(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com) "
                    + "[A-Za-z0-9+/=]+( .*)?");
    private static final Pattern OCID = Pattern.compile("ocid1\\.(compartment|tenancy)\\.[a-z0-9-]+\\.[a-z0-9-]*\\.[a-z0-9]+");

    private static final int SSH_PORT = 22;
    private static final int ACME_HTTP_PORT = 80;

    private final String stack;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private StackConfigParser(String stack) {
        this.stack = stack;
    }

    static StackConfig load(java.nio.file.Path stacksDir, String stack) {
        if (stack == null || !stack.matches("[A-Za-z0-9_.-]+")) {
            throw new ConfigException("--stack: '" + stack + "' — a stack name uses letters, digits, '-', '_', '.'");
        }
        java.nio.file.Path file = stacksDir.resolve("Pulumi." + stack + ".yaml");
        String text;
        try {
            text = java.nio.file.Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(file + ": no such stack file — stacks found: " + listStacks(stacksDir)
                    + " (create it with 'pulumi stack init " + stack + "', or pass --stacks-dir)");
        } catch (java.io.IOException e) {
            throw new ConfigException(file + ": cannot read — " + e.getMessage());
        }
        return fromYaml(stack, text);
    }

    private static String listStacks(java.nio.file.Path dir) {
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("Pulumi.") && n.endsWith(".yaml"))
                    .map(n -> n.substring("Pulumi.".length(), n.length() - ".yaml".length()))
                    .sorted().toList();
            return names.isEmpty() ? "none in " + dir : String.join(", ", names);
        } catch (java.io.IOException e) {
            return "none (" + dir + " is not a readable directory)";
        }
    }

    static StackConfig fromYaml(String stack, String yamlText) {
        Object doc;
        try {
            doc = new ObjectMapper(new YAMLFactory()).readValue(yamlText, Object.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException("Pulumi." + stack + ".yaml: not valid YAML — " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (!(doc instanceof Map<?, ?> top)) {
            throw new ConfigException("Pulumi." + stack + ".yaml: expected a YAML mapping with a 'config:' key");
        }
        Object config = top.get("config");
        if (!(config instanceof Map<?, ?> map)) {
            throw new ConfigException("Pulumi." + stack + ".yaml: missing 'config:' mapping — a Pulumi stack file "
                    + "holds its settings under config: with turnkit:-prefixed keys");
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        map.forEach((k, v) -> typed.put(String.valueOf(k), v));
        return fromMap(stack, typed);
    }

    static StackConfig fromMap(String stack, Map<String, ?> config) {
        StackConfigParser p = new StackConfigParser(stack);
        p.collect(config);
        StackConfig result = p.build();
        if (!p.problems.isEmpty()) {
            throw new ConfigException(p.problems);
        }
        return result;
    }

    private void collect(Map<String, ?> config) {
        if (stack == null || !stack.matches("[A-Za-z0-9_.-]+")) {
            problems.add("stack: '" + stack + "' — a stack name uses letters, digits, '-', '_' and '.'");
        }
        for (Map.Entry<String, ?> e : config.entrySet()) {
            String key = e.getKey();
            String bare;
            if (key.startsWith(PREFIX)) {
                bare = key.substring(PREFIX.length());
            } else if (key.contains(":")) {
                continue; // another namespace (oci:region, gcp:project, ...)
            } else {
                bare = key;
            }
            if (!StackConfig.KEYS.contains(bare)) {
                problems.add(PREFIX + bare + ": unknown key — allowed keys are listed in docs/stack-config.md ("
                        + String.join(", ", StackConfig.KEYS) + ")");
                continue;
            }
            values.put(bare, e.getValue());
        }
    }

    // ---- value access ---------------------------------------------------------------------------------------

    private static String k(String key) {
        return PREFIX + key;
    }

    private static boolean isSecure(Object v) {
        return v instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("secure");
    }

    private boolean present(String key) {
        Object v = values.get(key);
        return v != null && !(v instanceof String s && s.isBlank());
    }

    /** A plain string value; secure values of non-secret keys are a problem (turnkit never decodes them). */
    private String string(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (isSecure(v)) {
            problems.add(k(key) + ": encrypted (secure:) value — this key is not a secret; set it with "
                    + "'pulumi config set " + k(key) + " VALUE' (without --secret)");
            return null;
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            problems.add(k(key) + ": " + v + " — expected a single value");
            return null;
        }
        String s = String.valueOf(v).trim();
        return s.isEmpty() ? null : s;
    }

    private String required(String key, String allowed) {
        String s = string(key);
        if (s == null && !isSecure(values.get(key))) {
            problems.add(k(key) + ": missing — " + allowed);
        }
        return s;
    }

    private long number(String key, long dflt, long min, long max, String unit) {
        String s = string(key);
        if (s == null) {
            return dflt;
        }
        long n;
        try {
            n = Long.parseLong(s);
        } catch (NumberFormatException e) {
            problems.add(k(key) + ": '" + s + "' — expected a whole number from " + min + " to " + max + unit);
            return dflt;
        }
        if (n < min || n > max) {
            problems.add(k(key) + ": " + n + " — allowed: " + min + " to " + max + unit);
            return dflt;
        }
        return n;
    }

    private int port(String key, int dflt) {
        return (int) number(key, dflt, 1, 65535, "");
    }

    private boolean bool(String key, boolean dflt) {
        String s = string(key);
        if (s == null) {
            return dflt;
        }
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        problems.add(k(key) + ": '" + s + "' — expected true or false");
        return dflt;
    }

    /** A list: a YAML sequence, or (from the Pulumi program) a JSON array string or comma-separated string. */
    private List<String> list(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (isSecure(v)) {
            problems.add(k(key) + ": encrypted (secure:) value — this key is not a secret");
            return List.of();
        }
        List<?> raw;
        if (v instanceof List<?> l) {
            raw = l;
        } else {
            String s = String.valueOf(v).trim();
            if (s.startsWith("[")) {
                try {
                    raw = new ObjectMapper().readValue(s, List.class);
                } catch (JsonProcessingException e) {
                    problems.add(k(key) + ": '" + s + "' — expected a list (YAML sequence or JSON array)");
                    return List.of();
                }
            } else {
                raw = s.isEmpty() ? List.of() : List.of(s.split("\\s*,\\s*"));
            }
        }
        List<String> out = new ArrayList<>();
        for (Object o : raw) {
            if (o == null || o instanceof Map<?, ?> || o instanceof List<?>) {
                problems.add(k(key) + ": list item " + o + " — expected a plain string");
            } else {
                out.add(String.valueOf(o).trim());
            }
        }
        return List.copyOf(out);
    }

    // ---- build + validate -----------------------------------------------------------------------------------

    private StackConfig build() {
        String domain = required("domain", "the TURN server's DNS name, e.g. turn.example.com");
        if (domain != null && !isHostname(domain)) {
            problems.add(k("domain") + ": '" + domain + "' — expected a lowercase DNS name with at least two labels, "
                    + "e.g. turn.example.com (coturn needs a name for the realm and the certificate)");
        }

        // network
        Cidr vcn = cidr("vcnCidr", "10.0.0.0/16");
        Cidr subnet = cidr("subnetCidr", "10.0.0.0/24");
        if (vcn != null && (vcn.prefix() < 16 || vcn.prefix() > 30)) {
            problems.add(k("vcnCidr") + ": " + vcn + " — OCI allows a VCN prefix from /16 to /30");
            vcn = null;
        }
        if (vcn != null && subnet != null && !vcn.contains(subnet)) {
            problems.add(k("subnetCidr") + ": " + subnet + " — must lie inside " + k("vcnCidr") + " " + vcn);
        }
        if (subnet != null && subnet.prefix() > 30) {
            problems.add(k("subnetCidr") + ": " + subnet + " — OCI allows a subnet prefix up to /30");
            subnet = null;
        }
        String privateIp = required("privateIp", "the VM's fixed private IP inside " + k("subnetCidr")
                + ", e.g. 10.0.0.10 (coturn listens and relays on it: design-notes.md §4)");
        privateIp = checkPrivateIp(problems, privateIp, subnet);
        String publicIp = checkPublicIp(problems, string("publicIp"));

        // ports
        int listening = port("listeningPort", 3478);
        int tls = port("tlsListeningPort", 5349);
        int credentialsPort = port("credentialsPort", 443);
        int relayMin = (int) number("relayMinPort", 49152, 1024, 65535, "");
        int relayMax = (int) number("relayMaxPort", 50151, 1024, 65535, "");
        checkPorts(listening, tls, credentialsPort, relayMin, relayMax);

        // instance
        String shapeName = string("shape");
        Shape shape = shapeName == null ? Shape.A1_FLEX : Shape.fromOciName(shapeName);
        if (shape == null) {
            problems.add(k("shape") + ": '" + shapeName + "' — allowed: " + Shape.allowed()
                    + " (the Always Free shapes)");
        }
        boolean allowPaid = bool("allowPaid", false);
        int ocpus = 1;
        int memoryGb = 6;
        if (shape == Shape.E2_1_MICRO) {
            if (present("ocpus") || present("memoryGb")) {
                problems.add(k("ocpus") + "/" + k("memoryGb") + ": set for " + shape.ociName()
                        + " — the Micro shape has a fixed size (1/8 OCPU, 1 GB); remove these keys");
            }
            ocpus = 1;
            memoryGb = 1;
        } else if (shape == Shape.A1_FLEX) {
            // The shape's own limits only: the Always Free allowance is a policy of the Pulumi program
            // (infra.FreeTierLimits, the one place its figures live), refused there unless turnkit:allowPaid.
            ocpus = (int) number("ocpus", 1, 1, 80, "");
            memoryGb = (int) number("memoryGb", 6, 1, 512, " GB");
            if (memoryGb > 64L * ocpus) {
                problems.add(k("memoryGb") + ": " + memoryGb + " — A1 allows at most 64 GB per OCPU (" + ocpus
                        + " OCPU)");
            }
        }
        int bootVolumeGb = (int) number("bootVolumeGb", 50, 47, 32768, " GB");
        String osName = string("os");
        HostOs os = osName == null ? HostOs.UBUNTU : HostOs.fromKey(osName);
        if (os == null) {
            problems.add(k("os") + ": '" + osName + "' — allowed: ubuntu | oracle-linux");
        }

        // coturn
        String versionText = string("coturnVersion");
        CoturnVersion version = versionText == null ? CoturnVersion.DISTRO_DEFAULT
                : CoturnVersion.parseOrNull(versionText);
        if (version == null) {
            problems.add(k("coturnVersion") + ": '" + versionText + "' — expected the output of 'turnserver "
                    + "--version', e.g. 4.6.1");
        } else if (version.compareTo(CoturnVersion.OLDEST_SUPPORTED) < 0) {
            problems.add(k("coturnVersion") + ": " + version + " — allowed: " + CoturnVersion.OLDEST_SUPPORTED
                    + " or newer (older releases have CVE-2020-26262 and lack new-log-timestamp)");
        }
        int userQuota = (int) number("userQuota", 10, 1, 100_000, " concurrent allocations per user");
        int totalQuota = (int) number("totalQuota", 300, 1, 1_000_000, " concurrent allocations");
        if (totalQuota < userQuota) {
            problems.add(k("totalQuota") + ": " + totalQuota + " — must be at least " + k("userQuota") + " ("
                    + userQuota + ")");
        }
        long shapeCap = shape == null ? Long.MAX_VALUE : shape.bandwidthBytesPerSecond(ocpus);
        long defaultCapacity = shape == Shape.E2_1_MICRO ? 5_000_000L : 100_000_000L;
        long maxBps = number("maxBps", 250_000, 1_000, 1_000_000_000L, " bytes/s per session");
        long bpsCapacity = number("bpsCapacity", defaultCapacity, 1_000, 100_000_000_000L, " bytes/s");
        if (bpsCapacity > shapeCap) {
            problems.add(k("bpsCapacity") + ": " + bpsCapacity + " — at most " + shapeCap + " bytes/s, the internet "
                    + "bandwidth of " + shape.ociName() + (shape.flexible() ? " with " + ocpus + " OCPU" : "")
                    + " (leave headroom for the credentials endpoint)");
        }
        if (maxBps > bpsCapacity) {
            problems.add(k("maxBps") + ": " + maxBps + " — must not exceed " + k("bpsCapacity") + " ("
                    + bpsCapacity + " bytes/s)");
        }

        // access
        String adminSsh = required("adminSshCidr", "the CIDR allowed to reach SSH, e.g. 203.0.113.7/32");
        if (adminSsh != null) {
            Cidr c = Cidr.parseOrNull(adminSsh);
            if (c == null) {
                problems.add(k("adminSshCidr") + ": '" + adminSsh + "' — expected an IPv4 CIDR such as "
                        + "203.0.113.7/32 (host bits zero)");
            } else if (c.prefix() == 0) {
                problems.add(k("adminSshCidr") + ": " + adminSsh + " — SSH must never be open to the whole "
                        + "internet; use your address, e.g. 203.0.113.7/32");
            }
        }
        String acmeEmail = required("acmeEmail", "the Let's Encrypt account e-mail, e.g. ops@example.com");
        if (acmeEmail != null && !EMAIL.matcher(acmeEmail).matches()) {
            problems.add(k("acmeEmail") + ": '" + acmeEmail + "' — expected an e-mail address");
        }
        String sshKey = required("sshPublicKey", "an OpenSSH public key line, e.g. 'ssh-ed25519 AAAA... you@host'");
        if (sshKey != null && !SSH_KEY.matcher(sshKey).matches()) {
            problems.add(k("sshPublicKey") + ": '" + abbreviate(sshKey) + "' — expected an OpenSSH public key "
                    + "line (ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa), not a private key");
        }

        // credentials endpoint
        int maxTtl = (int) number("credentialsMaxTtl", 3600, 60, 86_400,
                " seconds (coturn has no upper bound itself: keep it short, design-notes.md §10, pitfall 3)");
        List<String> origins = list("allowedOrigins");
        for (String o : origins) {
            if (!Validators.isOrigin(o)) {
                problems.add(k("allowedOrigins") + ": '" + o + "' — expected " + Validators.ORIGIN_RULE);
            }
        }
        String firebaseProject = required("firebaseProjectId", "the Firebase project id whose ID tokens the "
                + "credentials endpoint accepts, e.g. my-app-1234");
        if (firebaseProject != null && !Validators.isProjectId(firebaseProject)) {
            problems.add(k("firebaseProjectId") + ": '" + firebaseProject + "' — expected a project id: "
                    + Validators.PROJECT_ID_RULE);
        }

        // secrets
        SecretSource turnSecret = secret("turnSecret", "turnSecretFile", true);
        SecretSource previous = secret("previousTurnSecret", "previousTurnSecretFile", false);

        // oci
        String compartment = required("compartmentId", "the OCID of the compartment for all resources "
                + "(ocid1.compartment... or the tenancy OCID)");
        if (compartment != null && !OCID.matcher(compartment).matches()) {
            problems.add(k("compartmentId") + ": '" + compartment + "' — expected an OCID such as "
                    + "ocid1.compartment.oc1..aaaa... or ocid1.tenancy.oc1..aaaa...");
        }
        List<String> ads = list("availabilityDomains");
        if (ads.isEmpty() && !values.containsKey("availabilityDomains")) {
            problems.add(k("availabilityDomains") + ": missing — the availability domains to try, in order, e.g. "
                    + "[\"Uocm:EU-FRANKFURT-1-AD-1\"] (out-of-capacity retries move to the next)");
        } else if (ads.isEmpty()) {
            problems.add(k("availabilityDomains") + ": empty — list at least one availability domain");
        }
        for (String ad : ads) {
            if (!ad.matches("[A-Za-z0-9]+:[A-Z0-9-]+-AD-[0-9]+")) {
                problems.add(k("availabilityDomains") + ": '" + ad + "' — expected an AD name like "
                        + "Uocm:EU-FRANKFURT-1-AD-1");
            }
        }
        String dnsZone = string("dnsZone");
        if (dnsZone != null) {
            if (!isHostname(dnsZone)) {
                problems.add(k("dnsZone") + ": '" + dnsZone + "' — expected a DNS zone name, e.g. example.com");
            } else if (domain != null && !domain.endsWith("." + dnsZone)) {
                problems.add(k("dnsZone") + ": '" + dnsZone + "' — " + k("domain") + " " + domain
                        + " must be a name inside the zone");
            }
        }

        // release
        String jarUrl = string("turnkitJarUrl");
        String jarSha = string("turnkitJarSha256");
        if (jarUrl != null && !jarUrl.matches("https://[^\\s\"'$`\\\\]+")) {
            problems.add(k("turnkitJarUrl") + ": '" + jarUrl + "' — expected an https:// URL of turnkit.jar");
        }
        if (jarUrl != null && jarSha == null) {
            problems.add(k("turnkitJarSha256") + ": missing — required with " + k("turnkitJarUrl")
                    + " so cloud-init can verify the download (sha256sum turnkit.jar)");
        }
        if (jarSha != null && !SHA256.matcher(jarSha).matches()) {
            problems.add(k("turnkitJarSha256") + ": '" + jarSha + "' — expected 64 lowercase hex digits");
        }
        if (jarSha != null && jarUrl == null) {
            problems.add(k("turnkitJarSha256") + ": set without " + k("turnkitJarUrl") + " — set both or neither");
        }
        int checkInterval = (int) number("checkIntervalMinutes", 5, 1, 1440, " minutes");
        Optional<StackConfig.Firebase> firebase = firebase(domain, origins, firebaseProject);

        if (!problems.isEmpty()) {
            return null;
        }
        return new StackConfig(stack, domain,
                new StackConfig.Network(Optional.ofNullable(publicIp), privateIp, vcn, subnet),
                new StackConfig.Ports(listening, tls, credentialsPort, new PortRange(relayMin, relayMax)),
                new StackConfig.Instance(shape, ocpus, memoryGb, bootVolumeGb, os),
                new StackConfig.Coturn(version, userQuota, totalQuota, maxBps, bpsCapacity),
                new StackConfig.Access(adminSsh, acmeEmail, sshKey),
                new StackConfig.Credentials(maxTtl, origins, firebaseProject),
                new StackConfig.Secrets(turnSecret, Optional.ofNullable(previous)),
                new StackConfig.Oci(compartment, ads, Optional.ofNullable(dnsZone), allowPaid),
                new StackConfig.Release(Optional.ofNullable(jarUrl), Optional.ofNullable(jarSha)),
                checkInterval, firebase);
    }

    // ---- the Firebase side (infra.SignalingBackend) ---------------------------------------------------------

    private static final List<String> FIREBASE_KEYS = List.of("firestoreDatabase", "firestoreDeleteProtection",
            "firestorePointInTimeRecovery", "signInProviders", "authorizedDomains", "gcpBilling");
    /** What Pulumi.yaml passes for an unset key: not a setting of the user's. */
    private boolean isFirebaseDefault(String key) {
        String v = String.valueOf(values.get(key)).trim();
        return switch (key) {
            case "firestoreDeleteProtection" -> v.equals("true");
            case "firestorePointInTimeRecovery", "gcpBilling" -> v.equals("false");
            case "signInProviders", "authorizedDomains" -> v.equals("[]");
            default -> false;
        };
    }

    private static final Pattern DATABASE_ID = Pattern.compile("[a-z][a-z0-9-]{2,61}[a-z0-9]");

    /**
     * Enabled by {@code firestoreLocation}; the project id is {@code firebaseProjectId}. Billing-only options need
     * {@code gcpBilling: true}, which also turns on the TTL policies (TTL deletes are not free).
     */
    private Optional<StackConfig.Firebase> firebase(String domain, List<String> origins, String projectId) {
        String location = string("firestoreLocation");
        if (location == null) {
            for (String key : FIREBASE_KEYS) {
                if (present(key) && !isFirebaseDefault(key)) {
                    problems.add(k(key) + ": set only with " + k("firestoreLocation") + ", which enables the Firebase"
                            + " backend (docs/firebase.md)");
                }
            }
            return Optional.empty();
        }
        if (!FirestoreLocations.isKnown(location)) {
            problems.add(k("firestoreLocation") + ": '" + location + "' — not a Firestore location; e.g. eur3, nam5,"
                    + " europe-west1, us-central1 (all: docs/firebase.md; it cannot be changed later)");
        }
        String database = string("firestoreDatabase");
        if (database == null) {
            database = StackConfig.Firebase.DEFAULT_DATABASE;
        } else if (!database.equals(StackConfig.Firebase.DEFAULT_DATABASE) && !DATABASE_ID.matcher(database).matches()) {
            problems.add(k("firestoreDatabase") + ": '" + database + "' — expected (default) or 4 to 63 lower-case"
                    + " letters, digits and '-', starting with a letter");
        }
        boolean billing = bool("gcpBilling", false);
        boolean protection = bool("firestoreDeleteProtection", true);
        boolean pitr = bool("firestorePointInTimeRecovery", false);
        boolean ttl = billing;
        List<String> providers = list("signInProviders");
        if (providers.isEmpty()) {
            providers = List.of("email");
        }
        for (String p : providers) {
            if (!p.equals("email") && !p.equals("anonymous")) {
                problems.add(k("signInProviders") + ": '" + p + "' — allowed: email, anonymous");
            }
        }
        List<String> domains = list("authorizedDomains");
        if (!domains.isEmpty()) {
            for (String d : domains) {
                if (!d.equals("localhost") && !isHostname(d)) {
                    problems.add(k("authorizedDomains") + ": '" + d + "' — expected a host name, e.g."
                            + " app.example.com (no scheme, no port)");
                }
            }
        } else {
            java.util.LinkedHashSet<String> d = new java.util.LinkedHashSet<>();
            d.add("localhost");
            if (projectId != null) {
                d.add(projectId + ".firebaseapp.com");
                d.add(projectId + ".web.app");
            }
            for (String o : origins) {
                d.add(java.net.URI.create(o).getHost());
            }
            domains = List.copyOf(d);
        }
        StackConfig.Firebase f = new StackConfig.Firebase(projectId, location, database, protection, pitr, ttl,
                List.copyOf(providers), domains, billing);
        if (!billing) {
            for (String option : f.billingOptions()) {
                problems.add(option + " — billing-only: set " + k("gcpBilling") + ": true once the project is on the"
                        + " Blaze plan, or turn the option off");
            }
        }
        return Optional.of(f);
    }

    private Cidr cidr(String key, String dflt) {
        String s = string(key);
        if (s == null) {
            return Cidr.parse(dflt);
        }
        Cidr c = Cidr.parseOrNull(s);
        if (c == null) {
            problems.add(k(key) + ": '" + s + "' — expected an IPv4 CIDR with zero host bits, e.g. " + dflt);
        }
        return c;
    }

    private void checkPorts(int listening, int tls, int credentialsPort, int relayMin, int relayMax) {
        Map<String, Integer> named = new LinkedHashMap<>();
        named.put("listeningPort", listening);
        named.put("tlsListeningPort", tls);
        named.put("credentialsPort", credentialsPort);
        List<String> names = new ArrayList<>(named.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                if (named.get(names.get(i)).intValue() == named.get(names.get(j)).intValue()) {
                    problems.add(k(names.get(j)) + ": " + named.get(names.get(j)) + " — clashes with "
                            + k(names.get(i)) + "; every listener needs its own port");
                }
            }
            int p = named.get(names.get(i));
            if (p == SSH_PORT || p == ACME_HTTP_PORT) {
                problems.add(k(names.get(i)) + ": " + p + " — reserved for " + (p == SSH_PORT ? "SSH"
                        : "the ACME http-01 challenge (certbot --standalone)") + "; choose another port");
            }
        }
        if (relayMin > relayMax) {
            problems.add(k("relayMinPort") + ": " + relayMin + " — must not exceed " + k("relayMaxPort") + " ("
                    + relayMax + ")");
            return;
        }
        PortRange relay = new PortRange(relayMin, relayMax);
        for (String n : names) {
            if (relay.contains(named.get(n))) {
                problems.add(k("relayMinPort") + "/" + k("relayMaxPort") + ": " + relay + " — overlaps " + k(n)
                        + " " + named.get(n) + "; the relay range must not contain a listening port");
            }
        }
        if (relay.size() < 2) {
            problems.add(k("relayMaxPort") + ": " + relayMax + " — the relay range needs at least 2 ports "
                    + "(one allocation uses one port; aim for 2 per concurrent allocation)");
        }
    }

    private SecretSource secret(String key, String fileKey, boolean required) {
        Object v = values.get(key);
        String file = string(fileKey);
        SecretSource fromPulumi = null;
        if (v != null) {
            if (isSecure(v)) {
                fromPulumi = new SecretSource.PulumiSecret(k(key));
            } else {
                problems.add(k(key) + ": plaintext value — never store a secret in the stack file; use "
                        + "'pulumi config set --secret " + k(key) + "' or put it in a file and set " + k(fileKey));
            }
        }
        if (fromPulumi != null && file != null) {
            problems.add(k(fileKey) + ": set together with " + k(key) + " — choose one source for the secret");
            return fromPulumi;
        }
        if (file != null) {
            if (file.contains("\n") || file.contains("\0")) {
                problems.add(k(fileKey) + ": '" + abbreviate(file) + "' — expected a file path");
                return null;
            }
            return new SecretSource.File(k(fileKey), file);
        }
        if (fromPulumi == null && v == null && required) {
            problems.add(k(fileKey) + ": missing — the TURN shared secret (use-auth-secret) must come from "
                    + "'pulumi config set --secret " + k(key) + "' or from a file named by " + k(fileKey)
                    + " (e.g. generated with 'openssl rand -base64 32')");
        }
        return fromPulumi;
    }

    // ---- shared checks --------------------------------------------------------------------------------------

    static String checkPrivateIp(List<String> problems, String ip, Cidr subnet) {
        if (ip == null) {
            return null;
        }
        long v = Ipv4.parse(ip);
        if (v < 0) {
            problems.add(k("privateIp") + ": '" + ip + "' — expected an IPv4 address, e.g. 10.0.0.10");
            return null;
        }
        if (subnet != null) {
            if (!subnet.contains(v)) {
                problems.add(k("privateIp") + ": " + ip + " — must lie inside " + k("subnetCidr") + " " + subnet);
                return null;
            }
            if (v < subnet.first() + 2 || v == subnet.last()) {
                problems.add(k("privateIp") + ": " + ip + " — OCI reserves the first two and the last address of "
                        + "subnet " + subnet + "; choose one from " + Ipv4.format(subnet.first() + 2) + " to "
                        + Ipv4.format(subnet.last() - 1));
                return null;
            }
        }
        return ip;
    }

    static String checkPublicIp(List<String> problems, String ip) {
        if (ip == null) {
            return null;
        }
        if (!Ipv4.isValid(ip)) {
            problems.add(k("publicIp") + ": '" + ip + "' — expected an IPv4 address (the reserved public IP)");
            return null;
        }
        if (!Ipv4.isPublicUnicast(ip)) {
            problems.add(k("publicIp") + ": " + ip + " — a private, shared, loopback, link-local or multicast address cannot be the "
                    + "reserved public IP; clients reach the relay there (external-ip)");
            return null;
        }
        return ip;
    }

    static StackConfig withAddresses(StackConfig c, String publicIp, String privateIp) {
        List<String> problems = new ArrayList<>();
        String pub = publicIp == null ? c.network().publicIp().orElse(null) : checkPublicIp(problems, publicIp);
        String priv = privateIp == null ? c.network().privateIp()
                : checkPrivateIp(problems, privateIp, c.network().subnetCidr());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new StackConfig(c.stack(), c.domain(),
                new StackConfig.Network(Optional.ofNullable(pub), priv, c.network().vcnCidr(),
                        c.network().subnetCidr()),
                c.ports(), c.instance(), c.coturn(), c.access(), c.credentials(), c.secrets(), c.oci(), c.release(),
                c.checkIntervalMinutes(), c.firebase());
    }

    static List<String> warnings(StackConfig c) {
        List<String> out = new ArrayList<>();
        if (c.coturn().version().below("4.10.0")) {
            out.add(k("coturnVersion") + ": " + c.coturn().version() + " is older than 4.10.0 — "
                    + "CVE-2026-40613 (one UDP packet can crash it on strict-alignment ARM64) and management-interface "
                    + "CVEs; the rendered config mitigates what it can (no-cli, no oauth, ::ffff: deny rule)"
                    + (c.instance().shape().architecture().equals("arm64") ? "; this stack runs on ARM64 (A1)" : ""));
        }
        if (c.credentials().maxTtlSeconds() > 3600) {
            out.add(k("credentialsMaxTtl") + ": " + c.credentials().maxTtlSeconds() + " s — above one hour; "
                    + "HMAC credentials cannot be revoked (design-notes.md §10, pitfall 3)");
        }
        return out;
    }

    private static boolean isHostname(String s) {
        if (s.length() > 253 || s.endsWith(".")) {
            return false;
        }
        String[] labels = s.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String l : labels) {
            if (!HOST_LABEL.matcher(l).matches()) {
                return false;
            }
        }
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    private static String abbreviate(String s) {
        return s.length() <= 24 ? s : s.substring(0, 20) + "...";
    }
}
