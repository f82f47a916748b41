package dev.turnkit.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One deployment of turnkit, read from the {@code turnkit:}-namespaced keys of {@code stacks/Pulumi.<stack>.yaml}
 * (or from the same keys handed over by the Pulumi program). Immutable and valid by construction: build it with
 * {@link #fromYaml} or {@link #fromMap}, which report every problem at once in one {@link ConfigException}.
 *
 * <p>Every key is a row of {@link StackKeys} and is documented in {@code docs/stack-config.md}; {@link #KEYS}
 * lists their names.
 *
 * @param stack       the stack name ({@code dev}, {@code prod})
 * @param domain      TURN domain: DNS name of the server, coturn realm and server-name, certificate name
 * @param network     addresses and CIDRs
 * @param ports       listening ports and the relay range
 * @param instance    OCI shape, size and image
 * @param coturn      coturn version and quotas
 * @param access      admin SSH CIDR, ACME e-mail, SSH public key
 * @param credentials the credentials endpoint
 * @param secrets     where the TURN secret(s) come from
 * @param oci         Oracle Cloud placement (compartment, availability domains, DNS zone, paid resources)
 * @param release     where the VM gets the turnkit jar
 * @param check       the on-host {@code turnkit check --watch} service
 * @param firebase    the Firebase side (Firestore, sign-in, web app), when {@code turnkit:firestoreLocation} is set
 */
public record StackConfig(
        String stack,
        String domain,
        Network network,
        Ports ports,
        Instance instance,
        Coturn coturn,
        Access access,
        Credentials credentials,
        Secrets secrets,
        Oci oci,
        Release release,
        Check check,
        Optional<Firebase> firebase) {

    /** The Pulumi config namespace (the project name in {@code Pulumi.yaml}). */
    public static final String NAMESPACE = "turnkit";

    /**
     * Every key this model reads, without the namespace, in documentation order: the names of
     * {@link StackKeys#ALL}, the one table of keys (which also says how to add one).
     */
    public static final List<String> KEYS = StackKeys.names();

    /**
     * Addresses. The public IP is the reserved public IP (known before boot, design-notes.md §8.3); it may be left out
     * of the stack file when Pulumi creates it, and then must be supplied at render time.
     */
    public record Network(Optional<String> publicIp, String privateIp, Cidr vcnCidr, Cidr subnetCidr) {
    }

    /**
     * The on-host {@code turnkit check --watch}: its interval, and whether it writes a node_exporter textfile
     * (and cloud-init installs {@code prometheus-node-exporter}).
     */
    public record Check(int intervalSeconds, boolean prometheusTextfile) {
    }

    /** Ports: TURN (UDP+TCP), TURN over TLS, credentials endpoint (HTTPS) and coturn's relay range. */
    public record Ports(int listening, int tls, int credentials, PortRange relay) {
    }

    /** Compute instance: shape, OCPUs, memory and boot volume in GB, image OS. */
    public record Instance(Shape shape, int ocpus, int memoryGb, int bootVolumeGb, HostOs os) {
    }

    /**
     * coturn version (options are gated on it) and quotas. {@code maxBps} and {@code bpsCapacity} are bytes per
     * second (design-notes.md §2.5).
     */
    public record Coturn(CoturnVersion version, int userQuota, int totalQuota, long maxBps, long bpsCapacity) {
    }

    /** Who administers the host and how certificates are requested. */
    public record Access(String adminSshCidr, String acmeEmail, String sshPublicKey) {
    }

    /** The credentials endpoint ({@code turnkit credentials serve}) on the TURN host. */
    public record Credentials(int maxTtlSeconds, List<String> allowedOrigins, String firebaseProjectId) {
    }

    /** The current TURN secret and, during rotation, the previous one (coturn accepts both). */
    public record Secrets(SecretSource turnSecret, Optional<SecretSource> previousTurnSecret) {
    }

    /** Oracle Cloud placement. */
    public record Oci(String compartmentId, List<String> availabilityDomains, Optional<String> dnsZone,
            boolean allowPaid) {
    }

    /**
     * Where the VM gets {@code turnkit.jar} for the credentials service and the check service: downloaded by
     * cloud-init from {@code jarUrl} (verified against {@code jarSha256}); with {@code published} (a release by
     * version) the stack fills in its URL and the SHA-256 it fetches from the release, which must equal
     * {@code jarSha256} when that is set too; when neither is set, the stack uploads the laptop build to Object
     * Storage and fills both in with a pre-authenticated URL valid for {@code uploadUrlMinutes} ({@link #withJar}).
     * Also the STUN servers the first boot asks for the VM's public address (empty:
     * {@code HostSpec.DEFAULT_STUN_SERVERS}).
     */
    public record Release(Optional<String> jarUrl, Optional<String> jarSha256, Optional<ReleaseAssets> published,
            int uploadUrlMinutes, List<String> stunServers) {
        public Release {
            stunServers = stunServers == null ? List.of() : List.copyOf(stunServers);
        }
    }

    /**
     * The Firebase side of the backend ({@code infra.SignalingBackend}). The project id is
     * {@link Credentials#firebaseProjectId()}: one key feeds the credentials endpoint, the stack and rules deploy.
     *
     * @param projectId           the Google Cloud / Firebase project (must exist; see docs/firebase.md)
     * @param location            Firestore location id (cannot be changed after creation), e.g. {@code eur3}
     * @param databaseId          {@code (default)} or a named database (named ones need billing)
     * @param deleteProtection    Firestore delete protection (on by default)
     * @param pointInTimeRecovery PITR (billing only)
     * @param ttl                 TTL policies on {@code expires_at}: with billing only (TTL deletes are not free)
     * @param signInProviders     {@code email} and/or {@code anonymous}
     * @param authorizedDomains   domains allowed to sign in from a browser
     * @param billing             the project has billing (Blaze); opts in to the billing-only options
     */
    public record Firebase(String projectId, String location, String databaseId, boolean deleteProtection,
            boolean pointInTimeRecovery, boolean ttl, List<String> signInProviders, List<String> authorizedDomains,
            boolean billing) {
        public static final String DEFAULT_DATABASE = "(default)";

        /** The options set in this stack that need billing, as {@code key: why}; the free plan allows none. */
        public List<String> billingOptions() {
            List<String> out = new java.util.ArrayList<>();
            if (!DEFAULT_DATABASE.equals(databaseId)) {
                out.add(NAMESPACE + ":firestoreDatabase " + databaseId + ": only the (default) database has a free quota");
            }
            if (pointInTimeRecovery) {
                out.add(NAMESPACE + ":firestorePointInTimeRecovery: PITR data is billed");
            }
            return List.copyOf(out);
        }
    }

    /** Reads the {@code config:} map of a Pulumi stack file. Secure values are recognised, never decoded. */
    public static StackConfig fromYaml(String stack, String yamlText) {
        return StackConfigParser.fromYaml(stack, yamlText);
    }

    /**
     * Builds the config from key/value pairs as the Pulumi program sees them: keys with or without the
     * {@code turnkit:} prefix (other namespaces are ignored); values as YAML types or strings ({@code "3478"},
     * {@code "true"}, JSON arrays for lists). A secret key's value must be {@code Map.of("secure", ...)} (its
     * value is never used) — pass real secret values to the renderer, not here.
     */
    public static StackConfig fromMap(String stack, Map<String, ?> config) {
        return StackConfigParser.fromMap(stack, config);
    }

    /**
     * Builds the config from the Pulumi engine's view ({@code PULUMI_CONFIG}: every value a string, secrets
     * decrypted). Values of the keys in {@code secretKeys} (e.g. {@code turnkit:turnSecret}, from
     * {@code PULUMI_CONFIG_SECRET_KEYS}) are replaced by a {@code secure} marker before parsing, so a decrypted
     * secret is never kept in the model; read it with {@code ctx.config().requireSecret(...)} instead.
     */
    public static StackConfig fromPulumiConfig(String stack, Map<String, String> config,
            java.util.Collection<String> secretKeys) {
        Map<String, Object> masked = new java.util.LinkedHashMap<>(config);
        for (String key : secretKeys) {
            if (masked.containsKey(key)) {
                masked.put(key, Map.of("secure", "(decrypted by Pulumi, not kept)"));
            }
        }
        return fromMap(stack, masked);
    }

    /** This config with the public and/or private IP replaced (e.g. {@code render --public-ip}), re-validated. */
    public StackConfig withAddresses(String publicIp, String privateIp) {
        return AddressChecks.withAddresses(this, publicIp, privateIp);
    }

    /**
     * This config with the jar the VM downloads set to {@code url} and {@code sha256}: the stack's upload of the
     * laptop build (a pre-authenticated Object Storage URL), or the release of {@code turnkit:turnkitVersion} with
     * the SHA-256 fetched from it.
     */
    public StackConfig withJar(String url, String sha256) {
        if (url == null || !url.startsWith("https://") || sha256 == null || !Validators.isSha256Hex(sha256)) {
            throw new IllegalArgumentException("the jar needs an https:// URL and a lowercase hex SHA-256");
        }
        return new StackConfig(stack, domain, network, ports, instance, coturn, access, credentials, secrets, oci,
                new Release(Optional.of(url), Optional.of(sha256), release.published(), release.uploadUrlMinutes(),
                        release.stunServers()),
                check, firebase);
    }

    /** Advisories that do not block rendering (e.g. coturn older than 4.10.0 on ARM64). */
    public List<String> warnings() {
        return StackWarnings.of(this);
    }
}
