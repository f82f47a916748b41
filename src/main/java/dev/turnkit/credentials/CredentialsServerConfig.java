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
 * Everything {@link CredentialsServer} needs, validated as a whole by {@link Builder#build()} (every problem is
 * reported at once as a {@link ConfigException}). Secrets are given as files, never as values.
 */
public final class CredentialsServerConfig {
    /** The most a client can ever get: coturn itself has no upper bound (design-notes.md §10, pitfall 3). */
    public static final Duration HARD_MAX_TTL = Duration.ofHours(24);

    private final InetAddress bindAddress;
    private final int port;
    private final String projectId;
    private final Path secretFile;
    private final Path previousSecretFile;
    private final Path tlsCertFile;
    private final Path tlsKeyFile;
    private final Duration reloadInterval;
    private final Duration defaultTtl;
    private final Duration maxTtl;
    private final Set<String> allowedOrigins;
    private final int uidRequestsPerMinute;
    private final int ipRequestsPerMinute;
    private final String turnHost;
    private final int turnPort;
    private final int turnsPort;
    private final boolean turns443;
    private final String authEmulatorHost;
    private final boolean checkRevoked;
    private final Duration tokenCacheTtl;
    private final int maxBodyBytes;
    private final int maxHeaderBytes;
    private final int threads;

    private CredentialsServerConfig(Builder b) {
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.projectId = b.projectId;
        this.secretFile = b.secretFile;
        this.previousSecretFile = b.previousSecretFile;
        this.tlsCertFile = b.tlsCertFile;
        this.tlsKeyFile = b.tlsKeyFile;
        this.reloadInterval = b.reloadInterval;
        this.defaultTtl = b.defaultTtl;
        this.maxTtl = b.maxTtl;
        this.allowedOrigins = Set.copyOf(b.allowedOrigins);
        this.uidRequestsPerMinute = b.uidRequestsPerMinute;
        this.ipRequestsPerMinute = b.ipRequestsPerMinute;
        this.turnHost = b.turnHost;
        this.turnPort = b.turnPort;
        this.turnsPort = b.turnsPort;
        this.turns443 = b.turns443;
        this.authEmulatorHost = b.authEmulatorHost;
        this.checkRevoked = b.checkRevoked;
        this.tokenCacheTtl = b.tokenCacheTtl;
        this.maxBodyBytes = b.maxBodyBytes;
        this.maxHeaderBytes = b.maxHeaderBytes;
        this.threads = b.threads;
    }

    public static Builder builder() {
        return new Builder();
    }

    public InetAddress bindAddress() {
        return bindAddress;
    }

    /** 0 picks a free port (see {@link CredentialsServer#port()}). */
    public int port() {
        return port;
    }

    public String projectId() {
        return projectId;
    }

    public Path secretFile() {
        return secretFile;
    }

    /** Optional: only checked (readable, 0600, different from the current one) and fingerprinted in the log. */
    public Path previousSecretFile() {
        return previousSecretFile;
    }

    public Path tlsCertFile() {
        return tlsCertFile;
    }

    public Path tlsKeyFile() {
        return tlsKeyFile;
    }

    public boolean tls() {
        return tlsCertFile != null;
    }

    public Duration reloadInterval() {
        return reloadInterval;
    }

    public Duration defaultTtl() {
        return defaultTtl;
    }

    public Duration maxTtl() {
        return maxTtl;
    }

    public Set<String> allowedOrigins() {
        return allowedOrigins;
    }

    public int uidRequestsPerMinute() {
        return uidRequestsPerMinute;
    }

    public int ipRequestsPerMinute() {
        return ipRequestsPerMinute;
    }

    public String turnHost() {
        return turnHost;
    }

    public int turnPort() {
        return turnPort;
    }

    public int turnsPort() {
        return turnsPort;
    }

    public boolean turns443() {
        return turns443;
    }

    /** {@code host:port} of the Firebase Auth emulator, or null in production mode. */
    public String authEmulatorHost() {
        return authEmulatorHost;
    }

    public boolean emulatorMode() {
        return authEmulatorHost != null;
    }

    public boolean checkRevoked() {
        return checkRevoked;
    }

    public Duration tokenCacheTtl() {
        return tokenCacheTtl;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    public int threads() {
        return threads;
    }

    /** Mutable builder with production defaults; {@link #build()} validates. */
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
        private int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

        private Builder() {
        }

        public Builder bindAddress(InetAddress value) {
            this.bindAddress = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder projectId(String value) {
            this.projectId = value;
            return this;
        }

        public Builder secretFile(Path value) {
            this.secretFile = value;
            return this;
        }

        public Builder previousSecretFile(Path value) {
            this.previousSecretFile = value;
            return this;
        }

        public Builder tls(Path certFile, Path keyFile) {
            this.tlsCertFile = certFile;
            this.tlsKeyFile = keyFile;
            return this;
        }

        public Builder reloadInterval(Duration value) {
            this.reloadInterval = value;
            return this;
        }

        public Builder defaultTtl(Duration value) {
            this.defaultTtl = value;
            return this;
        }

        public Builder maxTtl(Duration value) {
            this.maxTtl = value;
            return this;
        }

        public Builder allowOrigin(String origin) {
            this.allowedOrigins.add(origin);
            return this;
        }

        public Builder uidRequestsPerMinute(int value) {
            this.uidRequestsPerMinute = value;
            return this;
        }

        public Builder ipRequestsPerMinute(int value) {
            this.ipRequestsPerMinute = value;
            return this;
        }

        public Builder turnHost(String value) {
            this.turnHost = value;
            return this;
        }

        public Builder turnPort(int value) {
            this.turnPort = value;
            return this;
        }

        public Builder turnsPort(int value) {
            this.turnsPort = value;
            return this;
        }

        public Builder turns443(boolean value) {
            this.turns443 = value;
            return this;
        }

        /** Emulator mode ({@code host:port}, loopback only); never enabled by the environment. */
        public Builder authEmulatorHost(String value) {
            this.authEmulatorHost = value;
            return this;
        }

        public Builder checkRevoked(boolean value) {
            this.checkRevoked = value;
            return this;
        }

        public Builder tokenCacheTtl(Duration value) {
            this.tokenCacheTtl = value;
            return this;
        }

        public Builder maxBodyBytes(int value) {
            this.maxBodyBytes = value;
            return this;
        }

        public Builder maxHeaderBytes(int value) {
            this.maxHeaderBytes = value;
            return this;
        }

        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        /** Validates every field and reports all problems at once. */
        public CredentialsServerConfig build() {
            List<String> problems = new ArrayList<>();
            Objects.requireNonNull(bindAddress, "bindAddress");
            if (port < 0 || port > 65535) {
                problems.add("port " + port + " is out of range (0-65535)");
            }
            if (!Validators.isProjectId(projectId)) {
                problems.add("project id '" + projectId + "' is not a Firebase project id ("
                        + Validators.PROJECT_ID_RULE + ")");
            }
            if (secretFile == null) {
                problems.add("no TURN secret file: pass --secret-file FILE (mode 0600) or run under systemd with "
                        + "LoadCredential=turn-secret:...");
            }
            if ((tlsCertFile == null) != (tlsKeyFile == null)) {
                problems.add("TLS needs both --tls-cert (fullchain.pem) and --tls-key (privkey.pem)");
            }
            if (tlsCertFile == null && !bindAddress.isLoopbackAddress()) {
                problems.add("plain HTTP is only allowed on loopback; bind " + bindAddress.getHostAddress()
                        + " needs --tls-cert and --tls-key");
            }
            if (reloadInterval == null || reloadInterval.isNegative() || reloadInterval.isZero()) {
                problems.add("TLS reload interval must be positive");
            }
            checkTtls(problems);
            for (String origin : allowedOrigins) {
                if (!Validators.isOrigin(origin)) {
                    problems.add("allowed origin '" + origin + "' is not " + Validators.ORIGIN_RULE);
                }
            }
            if (uidRequestsPerMinute < 1 || ipRequestsPerMinute < 1) {
                problems.add("rate limits must be at least 1 request per minute");
            }
            if (turnHost == null || !turnHost.matches("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]+\\]")) {
                problems.add("TURN host '" + turnHost + "' is not a host name or IP address (bracket IPv6)");
            }
            for (int p : new int[] {turnPort, turnsPort}) {
                if (p < 1 || p > 65535) {
                    problems.add("TURN port " + p + " is out of range (1-65535)");
                }
            }
            if (authEmulatorHost != null) {
                checkEmulator(problems);
            }
            if (tokenCacheTtl == null || tokenCacheTtl.isNegative() || tokenCacheTtl.compareTo(Duration.ofMinutes(5)) > 0) {
                problems.add("token cache TTL must be between 0 and 5 minutes");
            }
            if (maxBodyBytes < 64 || maxBodyBytes > 65536 || maxHeaderBytes < 2048 || maxHeaderBytes > 65536) {
                problems.add("body limit must be 64..65536 bytes and header limit 2048..65536 bytes");
            }
            if (threads < 1 || threads > 256) {
                problems.add("threads must be 1..256");
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return new CredentialsServerConfig(this);
        }

        private void checkTtls(List<String> problems) {
            if (maxTtl == null || maxTtl.compareTo(Duration.ofMinutes(1)) < 0 || maxTtl.compareTo(HARD_MAX_TTL) > 0) {
                problems.add("max TTL " + maxTtl + " must be between 1 minute and " + HARD_MAX_TTL.toHours() + " h");
            } else if (defaultTtl == null || defaultTtl.compareTo(Duration.ofMinutes(1)) < 0
                    || defaultTtl.compareTo(maxTtl) > 0) {
                problems.add("default TTL " + defaultTtl + " must be between 1 minute and the max TTL " + maxTtl);
            }
        }

        private void checkEmulator(List<String> problems) {
            if (!bindAddress.isLoopbackAddress()) {
                problems.add("--auth-emulator accepts unsigned ID tokens and is refused on a non-loopback bind ("
                        + bindAddress.getHostAddress() + "); bind 127.0.0.1 for local use");
            }
            int colon = authEmulatorHost.lastIndexOf(':');
            String host = colon < 0 ? "" : authEmulatorHost.substring(0, colon);
            String portText = colon < 0 ? "" : authEmulatorHost.substring(colon + 1);
            if (!(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"))
                    || !portText.matches("[0-9]{1,5}")) {
                problems.add("--auth-emulator '" + authEmulatorHost + "' must be a loopback HOST:PORT such as "
                        + "127.0.0.1:9099");
            }
        }
    }
}
