package dev.turnkit.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the production host templates need: the stack, the coturn settings, the OS package layout, the
 * secret values (or redaction placeholders) and the command lines of the on-host turnkit services.
 *
 * @param config           the validated stack
 * @param turn             turnserver.conf settings (production profile)
 * @param os               {@code ubuntu} or {@code oracle-linux}
 * @param coturnConfigPath where the coturn package reads its config
 * @param coturnGroup      the group coturn runs as (may read its config and TLS copies)
 * @param coturnStateDir   coturn's writable state directory (SQLite userdb)
 * @param publicIp         the reserved public IP
 * @param secretFiles      root-only host files holding the current (and previous) TURN secret, for the
 *                         credentials service and the check service (loaded with {@code LoadCredential=}) and for
 *                         coturn, whose userdb {@code turnkit-sync-secrets} keeps equal to them ({@link #secretStore})
 * @param jarPath          where the turnkit jar lives on the host
 * @param jarUrl           URL cloud-init downloads the jar from (a release, or the pre-authenticated URL of the build
 *                         the stack uploads), or null (a rendered host that gets the jar by {@code turnkit deploy})
 * @param jarSha256        SHA-256 of the jar at jarUrl, or null
 * @param credentialsArgs  arguments of {@code turnkit credentials serve} in the credentials unit
 * @param checkArgs        arguments of {@code turnkit check} in the check service
 * @param stunServers      {@code host:port} of public STUN servers the bootstrap asks for the VM's public address
 *                         (the first that answers counts)
 * @param addressWaitSeconds how long the bootstrap waits for the public IP to map to the private IP before it gives
 *                         up without starting coturn
 */
public record HostSpec(
        StackConfig config,
        TurnServerSpec turn,
        String os,
        String coturnConfigPath,
        String coturnGroup,
        String coturnStateDir,
        String publicIp,
        List<String> secretFiles,
        String jarPath,
        String jarUrl,
        String jarSha256,
        List<String> credentialsArgs,
        List<String> checkArgs,
        List<String> stunServers,
        int addressWaitSeconds) {

    public static final String JAR_PATH = "/opt/turnkit/turnkit.jar";
    public static final String SECRET_FILE = "/etc/turnkit/turn-secret";
    public static final String PREVIOUS_SECRET_FILE = "/etc/turnkit/turn-secret.previous";
    /** Names under {@code $CREDENTIALS_DIRECTORY} ({@code %d} in unit files) given by {@code LoadCredential=}. */
    /**
     * The check's node_exporter textfile: in the service's RuntimeDirectory, which systemd creates for the dynamic
     * user and node_exporter can read (a StateDirectory of a DynamicUser= unit sits under the 0700
     * {@code /var/lib/private}).
     */
    public static final String CHECK_TEXTFILE_DIR = "/run/turnkit-check";
    public static final String CHECK_TEXTFILE = CHECK_TEXTFILE_DIR + "/turnkit.prom";
    public static final String CRED_SECRET = "turn-secret";
    public static final String CRED_PREVIOUS_SECRET = "turn-secret-previous";
    public static final String CRED_TLS_CERT = "tls-cert";
    public static final String CRED_TLS_KEY = "tls-key";
    /** Public STUN servers of two operators, so one outage does not block a first boot. */
    public static final List<String> DEFAULT_STUN_SERVERS = List.of("stun.l.google.com:19302",
            "stun.cloudflare.com:3478");
    /** Bounded wait for the address mapping at first boot (OCI attaches a reserved IP within seconds). */
    public static final int DEFAULT_ADDRESS_WAIT_SECONDS = 600;

    public HostSpec {
        secretFiles = List.copyOf(secretFiles);
        credentialsArgs = List.copyOf(credentialsArgs);
        checkArgs = List.copyOf(checkArgs);
        stunServers = List.copyOf(stunServers);
        if (stunServers.isEmpty() || stunServers.stream().anyMatch(h -> !h.matches("[A-Za-z0-9.:-]+:[0-9]{1,5}"))) {
            throw new IllegalArgumentException("stunServers: expected host:port entries, got " + stunServers);
        }
    }

    /** This host with another bound on the first boot's wait for the address mapping. */
    public HostSpec withAddressWait(int waitSeconds) {
        return new HostSpec(config, turn, os, coturnConfigPath, coturnGroup, coturnStateDir, publicIp, secretFiles,
                jarPath, jarUrl, jarSha256, credentialsArgs, checkArgs, stunServers, waitSeconds);
    }

    /** This host downloading the turnkit jar from {@code url} and accepting only {@code sha256}. */
    public HostSpec withJar(String url, String sha256) {
        return new HostSpec(config, turn, os, coturnConfigPath, coturnGroup, coturnStateDir, publicIp, secretFiles,
                jarPath, url, sha256, credentialsArgs, checkArgs, stunServers, addressWaitSeconds);
    }

    /**
     * The production host of a stack. {@code secrets} are the current and optionally the previous TURN secret
     * values (or {@link TurnServerSpec#redacted} placeholders for review output).
     */
    public static HostSpec production(StackConfig config, List<String> secrets) {
        TurnServerSpec turn = TurnServerSpec.production(config, secrets);
        boolean ubuntu = config.instance().os() == HostOs.UBUNTU;
        List<String> files = secrets.size() == 2 ? List.of(SECRET_FILE, PREVIOUS_SECRET_FILE) : List.of(SECRET_FILE);
        return new HostSpec(config, turn, config.instance().os().key(),
                ubuntu ? "/etc/turnserver.conf" : "/etc/coturn/turnserver.conf",
                ubuntu ? "turnserver" : "coturn",
                config.instance().os().coturnStateDir(),
                config.network().publicIp().orElseThrow(), files, JAR_PATH,
                config.release().jarUrl().orElse(null), config.release().jarSha256().orElse(null),
                credentialsServeArgs(config, secrets.size() == 2), checkCommandArgs(config),
                config.release().stunServers().isEmpty() ? DEFAULT_STUN_SERVERS : config.release().stunServers(),
                DEFAULT_ADDRESS_WAIT_SECONDS);
    }

    /**
     * The command line of {@code turnkit credentials serve} on the host, in one place. Secret and TLS files come
     * from systemd's credentials directory ({@code %d}), filled by {@code LoadCredential=}.
     */
    public static List<String> credentialsServeArgs(StackConfig c, boolean withPrevious) {
        // Flags of `turnkit credentials serve` (cli/CredentialsServeCommand): it binds loopback by default, so the
        // private IP (the only address on the VNIC, reached through OCI's 1:1 NAT) is passed explicitly.
        List<String> a = new ArrayList<>(List.of("credentials", "serve",
                "--bind", c.network().privateIp(),
                "--port", String.valueOf(c.ports().credentials()),
                "--project", c.credentials().firebaseProjectId(),
                "--secret-file", "%d/" + CRED_SECRET));
        if (withPrevious) {
            a.addAll(List.of("--previous-secret-file", "%d/" + CRED_PREVIOUS_SECRET));
        }
        a.addAll(List.of("--tls-cert", "%d/" + CRED_TLS_CERT, "--tls-key", "%d/" + CRED_TLS_KEY,
                "--max-ttl", c.credentials().maxTtlSeconds() + "s",
                "--turn-host", c.domain(),
                "--turn-port", String.valueOf(c.ports().listening()),
                "--turns-port", String.valueOf(c.ports().tls())));
        for (String origin : c.credentials().allowedOrigins()) {
            a.addAll(List.of("--allow-origin", origin));
        }
        return List.copyOf(a);
    }

    /**
     * The command line of the on-host {@code turnkit check --watch} (one long-lived process, the check service), in
     * one place. The run's deadline is 10 s, or the interval if that is shorter, so runs never overlap.
     */
    public static List<String> checkCommandArgs(StackConfig c) {
        List<String> a = new ArrayList<>(List.of("check", "--server", c.domain(),
                "--port", String.valueOf(c.ports().listening()),
                "--tls-port", String.valueOf(c.ports().tls()),
                "--secret-file", "%d/" + CRED_SECRET,
                "--timeout", Math.min(10, c.check().intervalSeconds()) + "s",
                "--watch", c.check().intervalSeconds() + "s"));
        if (c.check().prometheusTextfile()) {
            a.addAll(List.of("--prometheus", CHECK_TEXTFILE));
        }
        return List.copyOf(a);
    }

    /** Where coturn finds the TURN secrets of this host, and the files the sync script copies them from. */
    public SecretStore secretStore() {
        return new SecretStore(turn.dbFile(), turn.realm(), coturnGroup, secretFiles);
    }

    /** {@link #CHECK_TEXTFILE}, for the templates. */
    public String checkTextfile() {
        return CHECK_TEXTFILE;
    }

    /** {@link #CHECK_TEXTFILE_DIR}, for the templates. */
    public String checkTextfileDir() {
        return CHECK_TEXTFILE_DIR;
    }

    /** Whether coturn binds a port below 1024 and so needs CAP_NET_BIND_SERVICE (design-notes.md §6). */
    public boolean coturnNeedsBindCapability() {
        return config.ports().listening() < 1024 || config.ports().tls() < 1024;
    }
}
