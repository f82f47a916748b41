package dev.turnkit.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and validates {@link StackConfig}; collects every problem before failing. Each key is parsed and checked
 * as its row in {@link StackKeys} says; this class adds the checks that involve more than one key and builds the
 * records. The Firebase section is read by {@link FirebaseSection}, the two addresses are checked by
 * {@link AddressChecks} (shared with {@link StackConfig#withAddresses}), and {@link StackWarnings} lists the risks
 * of a valid stack.
 */
final class StackConfigParser {
    private static final int SSH_PORT = 22;
    private static final int ACME_HTTP_PORT = 80;

    private final String stack;
    private final List<String> problems = new ArrayList<>();
    private final StackValues in;

    private StackConfigParser(String stack, Map<String, ?> config) {
        this.stack = stack;
        if (stack == null || !stack.matches("[A-Za-z0-9_.-]+")) {
            problems.add("stack: '" + stack + "' — a stack name uses letters, digits, '-', '_' and '.'");
        }
        this.in = new StackValues(config, problems);
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
        StackConfigParser p = new StackConfigParser(stack, config);
        StackConfig result = p.build();
        if (!p.problems.isEmpty()) {
            throw new ConfigException(p.problems);
        }
        return result;
    }

    // ---- build + validate: one method per record of StackConfig; checks that involve several keys -----------

    private StackConfig build() {
        String domain = in.get(StackKeys.DOMAIN);
        StackConfig.Network network = network();
        StackConfig.Ports ports = ports();
        StackConfig.Instance instance = instance();
        StackConfig.Coturn coturn = coturn(instance);
        StackConfig.Access access = new StackConfig.Access(in.get(StackKeys.ADMIN_SSH_CIDR),
                in.get(StackKeys.ACME_EMAIL), in.get(StackKeys.SSH_PUBLIC_KEY));
        StackConfig.Credentials credentials = new StackConfig.Credentials(in.get(StackKeys.CREDENTIALS_MAX_TTL),
                in.get(StackKeys.ALLOWED_ORIGINS), in.get(StackKeys.FIREBASE_PROJECT_ID));
        StackConfig.Secrets secrets = new StackConfig.Secrets(
                secret(StackKeys.TURN_SECRET, StackKeys.TURN_SECRET_FILE, true),
                Optional.ofNullable(secret(StackKeys.PREVIOUS_TURN_SECRET, StackKeys.PREVIOUS_TURN_SECRET_FILE,
                        false)));
        StackConfig.Oci oci = oci(domain, instance);
        StackConfig.Release release = release();
        StackConfig.Check check = new StackConfig.Check(in.get(StackKeys.CHECK_INTERVAL_SECONDS),
                in.get(StackKeys.CHECK_PROMETHEUS_TEXTFILE));
        Optional<StackConfig.Firebase> firebase = FirebaseSection.read(in, credentials, problems);
        if (!problems.isEmpty()) {
            return null;
        }
        return new StackConfig(stack, domain, network, ports, instance, coturn, access, credentials, secrets, oci,
                release, check, firebase);
    }

    private StackConfig.Network network() {
        Cidr vcn = in.get(StackKeys.VCN_CIDR);
        Cidr subnet = in.get(StackKeys.SUBNET_CIDR);
        if (vcn != null && subnet != null && !vcn.contains(subnet)) {
            in.problem(StackKeys.SUBNET_CIDR, subnet + " — must lie inside " + StackKeys.VCN_CIDR + " " + vcn);
        }
        if (subnet != null && subnet.prefix() > 30) {
            in.problem(StackKeys.SUBNET_CIDR, subnet + " — OCI allows a subnet prefix up to /30");
            subnet = null;
        }
        String privateIp = AddressChecks.checkPrivateIp(problems, in.get(StackKeys.PRIVATE_IP), subnet);
        String publicIp = AddressChecks.checkPublicIp(problems, in.get(StackKeys.PUBLIC_IP));
        return new StackConfig.Network(Optional.ofNullable(publicIp), privateIp, vcn, subnet);
    }

    private StackConfig.Ports ports() {
        List<StackKey<Integer>> listeners = List.of(StackKeys.LISTENING_PORT, StackKeys.TLS_LISTENING_PORT,
                StackKeys.CREDENTIALS_PORT);
        for (int i = 0; i < listeners.size(); i++) {
            int port = in.get(listeners.get(i));
            for (int j = 0; j < i; j++) {
                if (in.get(listeners.get(j)) == port) {
                    in.problem(listeners.get(i), port + " — clashes with " + listeners.get(j)
                            + "; every listener needs its own port");
                }
            }
            if (port == SSH_PORT || port == ACME_HTTP_PORT) {
                in.problem(listeners.get(i), port + " — reserved for " + (port == SSH_PORT ? "SSH"
                        : "the ACME http-01 challenge (certbot --standalone)") + "; choose another port");
            }
        }
        int relayMin = in.get(StackKeys.RELAY_MIN_PORT);
        int relayMax = in.get(StackKeys.RELAY_MAX_PORT);
        PortRange relay = relayMin <= relayMax ? new PortRange(relayMin, relayMax) : null;
        if (relay == null) {
            in.problem(StackKeys.RELAY_MIN_PORT, relayMin + " — must not exceed " + StackKeys.RELAY_MAX_PORT + " ("
                    + relayMax + ")");
        } else {
            for (StackKey<Integer> listener : listeners) {
                if (relay.contains(in.get(listener))) {
                    problems.add(StackKeys.RELAY_MIN_PORT + "/" + StackKeys.RELAY_MAX_PORT + ": " + relay
                            + " — overlaps " + listener + " " + in.get(listener)
                            + "; the relay range must not contain a listening port");
                }
            }
            if (relay.size() < 2) {
                in.problem(StackKeys.RELAY_MAX_PORT, relayMax + " — the relay range needs at least 2 ports "
                        + "(one allocation uses one port; aim for 2 per concurrent allocation)");
            }
        }
        return new StackConfig.Ports(in.get(StackKeys.LISTENING_PORT), in.get(StackKeys.TLS_LISTENING_PORT),
                in.get(StackKeys.CREDENTIALS_PORT), relay);
    }

    private StackConfig.Instance instance() {
        Shape shape = in.get(StackKeys.SHAPE);
        int ocpus = StackKeys.OCPUS.defaultValue();
        int memoryGb = StackKeys.MEMORY_GB.defaultValue();
        if (shape == Shape.E2_1_MICRO) {
            if (in.present(StackKeys.OCPUS) || in.present(StackKeys.MEMORY_GB)) {
                problems.add(StackKeys.OCPUS + "/" + StackKeys.MEMORY_GB + ": set for " + shape.ociName()
                        + " — the Micro shape has a fixed size (1/8 OCPU, 1 GB); remove these keys");
            }
            ocpus = 1;
            memoryGb = 1;
        } else if (shape == Shape.A1_FLEX) {
            // The shape's own limits only: the Always Free allowance is a policy of the Pulumi program
            // (infra.FreeTierLimits, the one place its figures live), refused there unless turnkit:allowPaid.
            ocpus = in.get(StackKeys.OCPUS);
            memoryGb = in.get(StackKeys.MEMORY_GB);
            if (memoryGb > 64L * ocpus) {
                in.problem(StackKeys.MEMORY_GB, memoryGb + " — A1 allows at most 64 GB per OCPU (" + ocpus
                        + " OCPU)");
            }
        }
        return new StackConfig.Instance(shape, ocpus, memoryGb, in.get(StackKeys.BOOT_VOLUME_GB),
                in.get(StackKeys.OS));
    }

    private StackConfig.Coturn coturn(StackConfig.Instance instance) {
        CoturnVersion version = in.get(StackKeys.COTURN_VERSION);
        Integer sessions = in.get(StackKeys.CONCURRENT_SESSIONS);
        EgressBudget preset = sessions == null ? null
                : EgressBudget.of(in.get(StackKeys.EGRESS_ALLOWANCE_GB), sessions);
        int totalQuota = preset == null ? in.get(StackKeys.TOTAL_QUOTA)
                : Math.min(in.get(StackKeys.TOTAL_QUOTA), preset.totalQuota());
        int userQuota = preset == null ? in.get(StackKeys.USER_QUOTA)
                : Math.min(in.get(StackKeys.USER_QUOTA), totalQuota);
        if (totalQuota < userQuota) {
            in.problem(StackKeys.TOTAL_QUOTA, totalQuota + " — must be at least " + StackKeys.USER_QUOTA + " ("
                    + userQuota + ")");
        }
        Shape shape = instance.shape();
        long shapeCap = shape == null ? Long.MAX_VALUE : shape.bandwidthBytesPerSecond(instance.ocpus());
        long maxBps = in.get(StackKeys.MAX_BPS);
        Long configured = in.get(StackKeys.BPS_CAPACITY);
        long bpsCapacity = configured != null ? configured : shape == Shape.E2_1_MICRO ? 5_000_000L : 100_000_000L;
        if (preset != null) { // the preset caps: a lower value set by hand stays
            bpsCapacity = Math.min(bpsCapacity, preset.bpsCapacity());
            maxBps = Math.min(maxBps, preset.maxBps());
            if (preset.maxBps() < 1_000) {
                in.problem(StackKeys.CONCURRENT_SESSIONS, sessions + " — leaves " + preset.maxBps() + " bytes/s per "
                        + "session under " + StackKeys.EGRESS_ALLOWANCE_GB + " (at least 1000 needed): plan fewer "
                        + "sessions or a larger allowance");
            }
        }
        if (bpsCapacity > shapeCap) {
            in.problem(StackKeys.BPS_CAPACITY, bpsCapacity + " — at most " + shapeCap + " bytes/s, the internet "
                    + "bandwidth of " + shape.ociName() + (shape.flexible() ? " with " + instance.ocpus() + " OCPU"
                    : "") + " (leave headroom for the credentials endpoint)");
        }
        if (maxBps > bpsCapacity) {
            in.problem(StackKeys.MAX_BPS, maxBps + " — must not exceed " + StackKeys.BPS_CAPACITY + " ("
                    + bpsCapacity + " bytes/s)");
        }
        return new StackConfig.Coturn(version, userQuota, totalQuota, maxBps, bpsCapacity);
    }

    private StackConfig.Oci oci(String domain, StackConfig.Instance instance) {
        String compartment = in.get(StackKeys.COMPARTMENT_ID);
        List<String> ads = in.get(StackKeys.AVAILABILITY_DOMAINS);
        String dnsZone = in.get(StackKeys.DNS_ZONE);
        if (dnsZone != null && domain != null && !domain.endsWith("." + dnsZone)) {
            in.problem(StackKeys.DNS_ZONE, "'" + dnsZone + "' — " + StackKeys.DOMAIN + " " + domain
                    + " must be a name inside the zone");
        }
        return new StackConfig.Oci(compartment, ads, Optional.ofNullable(dnsZone), in.get(StackKeys.ALLOW_PAID));
    }

    private StackConfig.Release release() {
        String jarUrl = in.get(StackKeys.TURNKIT_JAR_URL);
        String jarSha = in.get(StackKeys.TURNKIT_JAR_SHA256);
        if (in.present(StackKeys.TURNKIT_JAR_URL) && !in.present(StackKeys.TURNKIT_JAR_SHA256)) {
            in.problem(StackKeys.TURNKIT_JAR_SHA256, "missing — required with " + StackKeys.TURNKIT_JAR_URL
                    + " so cloud-init can verify the download (sha256sum turnkit.jar)");
        }
        boolean byVersion = in.present(StackKeys.TURNKIT_VERSION);
        if (in.present(StackKeys.TURNKIT_JAR_SHA256) && !in.present(StackKeys.TURNKIT_JAR_URL) && !byVersion) {
            in.problem(StackKeys.TURNKIT_JAR_SHA256, "set without " + StackKeys.TURNKIT_JAR_URL + " or "
                    + StackKeys.TURNKIT_VERSION + " — set it with one of them or not at all");
        }
        if (byVersion && in.present(StackKeys.TURNKIT_JAR_URL)) {
            in.problem(StackKeys.TURNKIT_VERSION, "set together with " + StackKeys.TURNKIT_JAR_URL + " — choose one:"
                    + " a release by version, or a jar URL");
        }
        if (byVersion && !in.present(StackKeys.TURNKIT_RELEASE_REPO)) {
            in.problem(StackKeys.TURNKIT_RELEASE_REPO, "missing — required with " + StackKeys.TURNKIT_VERSION
                    + ": the GitHub repository (OWNER/NAME) whose releases carry turnkit.jar, e.g. acme/turnkit");
        }
        if (!byVersion && in.present(StackKeys.TURNKIT_RELEASE_REPO)) {
            in.problem(StackKeys.TURNKIT_RELEASE_REPO, "set without " + StackKeys.TURNKIT_VERSION
                    + " — set both or neither");
        }
        String version = in.get(StackKeys.TURNKIT_VERSION);
        String repo = in.get(StackKeys.TURNKIT_RELEASE_REPO);
        // a bad value reads as null (and is reported): no release then
        Optional<ReleaseAssets> published = version != null && repo != null
                ? Optional.of(new ReleaseAssets(repo, version)) : Optional.empty();
        return new StackConfig.Release(Optional.ofNullable(jarUrl), Optional.ofNullable(jarSha), published,
                in.get(StackKeys.TURNKIT_JAR_UPLOAD_MINUTES), in.get(StackKeys.STUN_SERVERS));
    }

    /** A secret from Pulumi's encrypted config ({@code key}) or from a file ({@code fileKey}), never both. */
    private SecretSource secret(StackKey<String> key, StackKey<String> fileKey, boolean required) {
        SecretSource fromPulumi = null;
        if (in.isSet(key)) {
            if (in.isSecure(key)) {
                fromPulumi = new SecretSource.PulumiSecret(key.qualifiedName());
            } else {
                in.problem(key, "plaintext value — never store a secret in the stack file; use "
                        + "'pulumi config set --secret " + key + "' or put it in a file and set " + fileKey);
            }
        }
        boolean hasFile = in.present(fileKey);
        String file = in.get(fileKey);
        if (fromPulumi != null && hasFile) {
            in.problem(fileKey, "set together with " + key + " — choose one source for the secret");
            return fromPulumi;
        }
        if (file != null) {
            return new SecretSource.File(fileKey.qualifiedName(), file);
        }
        if (fromPulumi == null && !in.isSet(key) && !hasFile && required) {
            in.problem(fileKey, "missing — the TURN shared secret (use-auth-secret) must come from "
                    + "'pulumi config set --secret " + key + "' or from a file named by " + fileKey
                    + " (e.g. generated with 'openssl rand -base64 32')");
        }
        return fromPulumi;
    }
}
