package dev.turnkit.credentials;

import dev.turnkit.model.ConfigException;
import dev.turnkit.model.Validators;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything {@link CredentialsServer} needs, validated as a whole when constructed: every problem is reported at
 * once as an {@link InvalidConfigException}, each tagged with the {@link Setting} it concerns so that a front end
 * (the CLI) can name its own option for it. Secrets are given as files, never as values.
 *
 * @param bindAddress address to listen on; plain HTTP and emulator mode need loopback
 * @param port TCP port; 0 picks a free one (see {@link CredentialsServer#port()})
 * @param projectId Firebase project id, the ID tokens' audience
 * @param secretFile the current TURN static-auth-secret (mode 0600 or stricter)
 * @param previousSecretFile optional previous secret during a rotation: only checked and fingerprinted in the log
 * @param tlsCertFile PEM certificate chain, or null for plain HTTP on loopback
 * @param tlsKeyFile PEM private key, with {@code tlsCertFile}
 * @param reloadInterval how often the TLS files are checked for a renewal
 * @param defaultTtl TTL when the client asks for none
 * @param maxTtl longest TTL ever issued; longer requests are clamped
 * @param allowedOrigins exact web origins allowed by CORS
 * @param uidRequestsPerMinute rate limit per Firebase user
 * @param ipRequestsPerMinute rate limit per client IP
 * @param turnHost host name put in the returned TURN URIs
 * @param turnPort STUN/TURN port, UDP and TCP
 * @param turnsPort TURN over TLS port
 * @param turns443 also return {@code turns:HOST:443}
 * @param authEmulatorHost {@code host:port} of the Firebase Auth emulator, or null in production mode
 * @param checkRevoked also refuse revoked tokens and disabled users
 * @param tokenCacheTtl how long a verified token is remembered
 * @param maxBodyBytes largest request body accepted
 * @param maxHeaderBytes largest request header block accepted
 * @param threads request threads
 */
public record CredentialsServerConfig(InetAddress bindAddress, int port, String projectId, Path secretFile,
        Path previousSecretFile, Path tlsCertFile, Path tlsKeyFile, Duration reloadInterval, Duration defaultTtl,
        Duration maxTtl, Set<String> allowedOrigins, int uidRequestsPerMinute, int ipRequestsPerMinute,
        String turnHost, int turnPort, int turnsPort, boolean turns443, String authEmulatorHost,
        boolean checkRevoked, Duration tokenCacheTtl, int maxBodyBytes, int maxHeaderBytes, int threads) {

    /** The most a client can ever get: coturn itself puts no upper bound on a REST credential's lifetime
     * (design-notes.md §10, pitfall 3). */
    public static final Duration HARD_MAX_TTL = Duration.ofHours(24);

    /** The library's default for {@link #threads()}: twice the CPUs, at least 4. */
    public static final int DEFAULT_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    /** What a problem is about, so that a front end can name its own option for it. */
    public enum Setting {
        BIND_ADDRESS, PORT, PROJECT_ID, SECRET_FILE, TLS, RELOAD_INTERVAL, TTL, ALLOWED_ORIGINS, RATE_LIMITS,
        TURN_HOST, TURN_PORTS, AUTH_EMULATOR, TOKEN_CACHE, SIZE_LIMITS, THREADS
    }

    /** One problem of a configuration: the setting concerned and a sentence saying what is wrong. */
    public record Problem(Setting setting, String message) {
    }

    /** A configuration with problems; {@link #problems()} has the same sentences without their settings. */
    public static final class InvalidConfigException extends ConfigException {
        private static final long serialVersionUID = 1L;
        private final transient List<Problem> settingProblems;

        InvalidConfigException(List<Problem> problems) {
            super(problems.stream().map(Problem::message).toList());
            this.settingProblems = List.copyOf(problems);
        }

        public List<Problem> settingProblems() {
            return settingProblems;
        }
    }

    public CredentialsServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        allowedOrigins = Set.copyOf(allowedOrigins);
        List<Problem> problems = problems(bindAddress, port, projectId, secretFile, tlsCertFile, tlsKeyFile,
                reloadInterval, defaultTtl, maxTtl, allowedOrigins, uidRequestsPerMinute, ipRequestsPerMinute,
                turnHost, turnPort, turnsPort, authEmulatorHost, tokenCacheTtl, maxBodyBytes, maxHeaderBytes,
                threads);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean tls() {
        return tlsCertFile != null;
    }

    public boolean emulatorMode() {
        return authEmulatorHost != null;
    }

    private static List<Problem> problems(InetAddress bindAddress, int port, String projectId, Path secretFile,
            Path tlsCertFile, Path tlsKeyFile, Duration reloadInterval, Duration defaultTtl, Duration maxTtl,
            Set<String> allowedOrigins, int uidRate, int ipRate, String turnHost, int turnPort, int turnsPort,
            String authEmulatorHost, Duration tokenCacheTtl, int maxBodyBytes, int maxHeaderBytes, int threads) {
        List<Problem> p = new ArrayList<>();
        if (port < 0 || port > 65535) {
            p.add(new Problem(Setting.PORT, "port " + port + " is out of range (0-65535)"));
        }
        if (!Validators.isProjectId(projectId)) {
            p.add(new Problem(Setting.PROJECT_ID, "project id '" + projectId + "' is not a Firebase project id ("
                    + Validators.PROJECT_ID_RULE + ")"));
        }
        if (secretFile == null) {
            p.add(new Problem(Setting.SECRET_FILE, "no TURN secret file: give a file (mode 0600) holding coturn's "
                    + "static-auth-secret, or run under systemd with LoadCredential=turn-secret:..."));
        }
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            p.add(new Problem(Setting.TLS, "TLS needs both the certificate chain (fullchain.pem) and the private key "
                    + "(privkey.pem)"));
        }
        if (tlsCertFile == null && !bindAddress.isLoopbackAddress()) {
            p.add(new Problem(Setting.TLS, "plain HTTP is only allowed on loopback; bind "
                    + bindAddress.getHostAddress() + " needs a TLS certificate and key"));
        }
        if (reloadInterval == null || reloadInterval.isNegative() || reloadInterval.isZero()) {
            p.add(new Problem(Setting.RELOAD_INTERVAL, "TLS reload interval must be positive"));
        }
        if (maxTtl == null || maxTtl.compareTo(Duration.ofMinutes(1)) < 0 || maxTtl.compareTo(HARD_MAX_TTL) > 0) {
            p.add(new Problem(Setting.TTL, "max TTL " + maxTtl + " must be between 1 minute and "
                    + HARD_MAX_TTL.toHours() + " h"));
        } else if (defaultTtl == null || defaultTtl.compareTo(Duration.ofMinutes(1)) < 0
                || defaultTtl.compareTo(maxTtl) > 0) {
            p.add(new Problem(Setting.TTL, "default TTL " + defaultTtl + " must be between 1 minute and the max TTL "
                    + maxTtl));
        }
        for (String origin : allowedOrigins) {
            if (!Validators.isOrigin(origin)) {
                p.add(new Problem(Setting.ALLOWED_ORIGINS, "allowed origin '" + origin + "' is not "
                        + Validators.ORIGIN_RULE));
            }
        }
        if (uidRate < 1 || ipRate < 1) {
            p.add(new Problem(Setting.RATE_LIMITS, "rate limits must be at least 1 request per minute"));
        }
        if (turnHost == null || !turnHost.matches("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]+\\]")) {
            p.add(new Problem(Setting.TURN_HOST, "TURN host '" + turnHost
                    + "' is not a host name or IP address (bracket IPv6)"));
        }
        for (int port2 : new int[] {turnPort, turnsPort}) {
            if (port2 < 1 || port2 > 65535) {
                p.add(new Problem(Setting.TURN_PORTS, "TURN port " + port2 + " is out of range (1-65535)"));
            }
        }
        if (authEmulatorHost != null) {
            emulatorProblems(bindAddress, authEmulatorHost, p);
        }
        if (tokenCacheTtl == null || tokenCacheTtl.isNegative()
                || tokenCacheTtl.compareTo(Duration.ofMinutes(5)) > 0) {
            p.add(new Problem(Setting.TOKEN_CACHE, "token cache TTL must be between 0 and 5 minutes"));
        }
        if (maxBodyBytes < 64 || maxBodyBytes > 65536 || maxHeaderBytes < 2048 || maxHeaderBytes > 65536) {
            p.add(new Problem(Setting.SIZE_LIMITS,
                    "body limit must be 64..65536 bytes and header limit 2048..65536 bytes"));
        }
        if (threads < 1 || threads > 256) {
            p.add(new Problem(Setting.THREADS, "threads must be 1..256"));
        }
        return p;
    }

    private static void emulatorProblems(InetAddress bindAddress, String authEmulatorHost, List<Problem> p) {
        if (!bindAddress.isLoopbackAddress()) {
            p.add(new Problem(Setting.AUTH_EMULATOR, "Auth emulator mode accepts unsigned ID tokens and is refused "
                    + "on a non-loopback bind (" + bindAddress.getHostAddress() + "); bind 127.0.0.1 for local use"));
        }
        int colon = authEmulatorHost.lastIndexOf(':');
        String host = colon < 0 ? "" : authEmulatorHost.substring(0, colon);
        String portText = colon < 0 ? "" : authEmulatorHost.substring(colon + 1);
        if (!(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"))
                || !portText.matches("[0-9]{1,5}")) {
            p.add(new Problem(Setting.AUTH_EMULATOR, "Auth emulator '" + authEmulatorHost
                    + "' must be a loopback HOST:PORT such as 127.0.0.1:9099"));
        }
    }

    /** Production defaults; {@link #build()} validates. */
    public static final class Builder {
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port = 8443;
        private String projectId;
        private Path secretFile;
        private Path previousSecretFile;
        private Path tlsCertFile;
        private Path tlsKeyFile;
        private Duration reloadInterval = Duration.ofMinutes(1);
        private Duration defaultTtl = Duration.ofHours(1);
        private Duration maxTtl = Duration.ofHours(1);
        private final Set<String> allowedOrigins = new LinkedHashSet<>();
        private int uidRequestsPerMinute = 30;
        private int ipRequestsPerMinute = 120;
        private String turnHost;
        private int turnPort = 3478;
        private int turnsPort = 5349;
        private boolean turns443;
        private String authEmulatorHost;
        private boolean checkRevoked;
        private Duration tokenCacheTtl = Duration.ofSeconds(30);
        private int maxBodyBytes = 1024;
        private int maxHeaderBytes = 8192;
        private int threads = DEFAULT_THREADS;

        private Builder() {
        }

        public Builder bindAddress(InetAddress v) { bindAddress = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder projectId(String v) { projectId = v; return this; }
        public Builder secretFile(Path v) { secretFile = v; return this; }
        public Builder previousSecretFile(Path v) { previousSecretFile = v; return this; }
        public Builder tls(Path certFile, Path keyFile) { tlsCertFile = certFile; tlsKeyFile = keyFile; return this; }
        public Builder reloadInterval(Duration v) { reloadInterval = v; return this; }
        public Builder defaultTtl(Duration v) { defaultTtl = v; return this; }
        public Builder maxTtl(Duration v) { maxTtl = v; return this; }
        public Builder allowOrigin(String origin) { allowedOrigins.add(origin); return this; }
        public Builder uidRequestsPerMinute(int v) { uidRequestsPerMinute = v; return this; }
        public Builder ipRequestsPerMinute(int v) { ipRequestsPerMinute = v; return this; }
        public Builder turnHost(String v) { turnHost = v; return this; }
        public Builder turnPort(int v) { turnPort = v; return this; }
        public Builder turnsPort(int v) { turnsPort = v; return this; }
        public Builder turns443(boolean v) { turns443 = v; return this; }
        /** Emulator mode ({@code host:port}, loopback only); never enabled by the environment. */
        public Builder authEmulatorHost(String v) { authEmulatorHost = v; return this; }
        public Builder checkRevoked(boolean v) { checkRevoked = v; return this; }
        public Builder tokenCacheTtl(Duration v) { tokenCacheTtl = v; return this; }
        public Builder maxBodyBytes(int v) { maxBodyBytes = v; return this; }
        public Builder maxHeaderBytes(int v) { maxHeaderBytes = v; return this; }
        /** Request threads; {@link CredentialsServerConfig#DEFAULT_THREADS} unless set. */
        public Builder threads(int v) { threads = v; return this; }

        /** Validates every field and reports all problems at once ({@link InvalidConfigException}). */
        public CredentialsServerConfig build() {
            return new CredentialsServerConfig(bindAddress, port, projectId, secretFile, previousSecretFile,
                    tlsCertFile, tlsKeyFile, reloadInterval, defaultTtl, maxTtl, allowedOrigins, uidRequestsPerMinute,
                    ipRequestsPerMinute, turnHost, turnPort, turnsPort, turns443, authEmulatorHost, checkRevoked,
                    tokenCacheTtl, maxBodyBytes, maxHeaderBytes, threads);
        }
    }
}
