package dev.turnkit.cli;

import dev.turnkit.credentials.AccessLog;
import dev.turnkit.credentials.CredentialsServer;
import dev.turnkit.credentials.CredentialsServerConfig;
import dev.turnkit.credentials.SecretFile;
import dev.turnkit.model.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code turnkit credentials serve}: runs the credentials endpoint until SIGTERM or Ctrl-C. Secrets and TLS files
 * are paths (or systemd credentials in {@code $CREDENTIALS_DIRECTORY}), never values.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve GET/POST /v1/turn-credentials to callers with a Firebase ID token, until SIGTERM.",
            "Without --secret-file/--tls-cert/--tls-key, the systemd credentials turn-secret, turn-secret-previous, "
                    + "fullchain.pem and privkey.pem in $CREDENTIALS_DIRECTORY are used when present."})
final class CredentialsServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}). Plain HTTP and --auth-emulator need loopback.")
    String bind;

    @Option(names = "--port", defaultValue = "8443", description = "TCP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--project", required = true, description = "Firebase project id: the ID tokens' audience.")
    String project;

    @Option(names = "--secret-file", description = "File (mode 0600) with the current TURN static-auth-secret.")
    Path secretFile;

    @Option(names = "--previous-secret-file", description = "File with the previous secret during a rotation (checked and fingerprinted only).")
    Path previousSecretFile;

    @Option(names = "--tls-cert", description = "PEM certificate chain (certbot fullchain.pem); reloaded when it changes.")
    Path tlsCert;

    @Option(names = "--tls-key", description = "PEM private key (certbot privkey.pem: PKCS#8, SEC1 or PKCS#1; EC or RSA).")
    Path tlsKey;

    @Option(names = "--tls-reload-interval", defaultValue = "60s", converter = Durations.Converter.class, description = "How often to look for renewed TLS files (default: ${DEFAULT-VALUE}).")
    Duration tlsReloadInterval;

    @Option(names = "--default-ttl", defaultValue = "1h", converter = Durations.Converter.class, description = "TTL when the client asks for none (default: ${DEFAULT-VALUE}).")
    Duration defaultTtl;

    @Option(names = "--max-ttl", defaultValue = "1h", converter = Durations.Converter.class, description = "Longest TTL ever issued; longer requests are clamped (default: ${DEFAULT-VALUE}, at most 24h).")
    Duration maxTtl;

    @Option(names = "--allow-origin", description = "Exact web origin allowed by CORS, e.g. https://app.example.com (repeatable).")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--uid-rate", defaultValue = "30", description = "Requests per minute per Firebase user (default: ${DEFAULT-VALUE}).")
    int uidRate;

    @Option(names = "--ip-rate", defaultValue = "120", description = "Requests per minute per client IP (default: ${DEFAULT-VALUE}).")
    int ipRate;

    @Option(names = "--turn-host", required = true, description = "TURN server host name put in the returned URIs.")
    String turnHost;

    @Option(names = "--turn-port", defaultValue = "3478", description = "STUN/TURN port, UDP and TCP (default: ${DEFAULT-VALUE}).")
    int turnPort;

    @Option(names = "--turns-port", defaultValue = "5349", description = "TURN over TLS port (default: ${DEFAULT-VALUE}).")
    int turnsPort;

    @Option(names = "--turns-443", description = "Also return turns:HOST:443?transport=tcp.")
    boolean turns443;

    @Option(names = "--check-revoked", description = "Also refuse revoked tokens and disabled users (one user lookup per new token; needs Application Default Credentials).")
    boolean checkRevoked;

    @Option(names = "--token-cache", defaultValue = "30s", converter = Durations.NonNegativeConverter.class, description = "How long a verified token is remembered (default: ${DEFAULT-VALUE}; 0 = never).")
    Duration tokenCache;

    @Option(names = "--threads", description = "Request threads (default: twice the CPUs, at least 4).")
    Integer threads;

    @Option(names = "--auth-emulator", paramLabel = "HOST:PORT", description = "LOCAL DEVELOPMENT ONLY: trust the Firebase Auth emulator (unsigned tokens). Refused unless --bind is loopback.")
    String authEmulator;

    @Mixin
    VerbosityOption verbosity;

    private final Map<String, String> env;

    CredentialsServeCommand() {
        this(System.getenv());
    }

    CredentialsServeCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        CredentialsServerConfig config = config();
        // emulator mode is announced once, by the server's log (event emulator_mode)
        CredentialsServer server = CredentialsServer.start(config, env, Clock.systemUTC(), AccessLog.stderr());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "credentials-shutdown"));
        stopped.await();
        return ExitCode.OK.code();
    }

    CredentialsServerConfig config() {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new CommandFailedException(ExitCode.UNKNOWN, "--bind '" + bind + "' is not an address");
        }
        CredentialsServerConfig.Builder b = CredentialsServerConfig.builder()
                .bindAddress(address)
                .port(port)
                .projectId(project)
                .secretFile(orCredential(secretFile, "turn-secret"))
                .previousSecretFile(orCredential(previousSecretFile, "turn-secret-previous"))
                .reloadInterval(tlsReloadInterval)
                .defaultTtl(defaultTtl)
                .maxTtl(maxTtl)
                .uidRequestsPerMinute(uidRate)
                .ipRequestsPerMinute(ipRate)
                .turnHost(turnHost)
                .turnPort(turnPort)
                .turnsPort(turnsPort)
                .turns443(turns443)
                .checkRevoked(checkRevoked)
                .tokenCacheTtl(tokenCache)
                .authEmulatorHost(authEmulator);
        if (threads != null) {
            b.threads(threads);
        }
        Path cert = orCredential(tlsCert, "fullchain.pem");
        Path key = orCredential(tlsKey, "privkey.pem");
        if (cert != null || key != null) {
            b.tls(cert, key);
        }
        allowedOrigins.forEach(b::allowOrigin);
        try {
            return b.build();
        } catch (CredentialsServerConfig.InvalidConfigException e) {
            throw new ConfigException(e.settingProblems().stream()
                    .map(p -> option(p.setting()) + ": " + p.message()).toList());
        }
    }

    /** The option that sets what a configuration problem is about. */
    static String option(CredentialsServerConfig.Setting setting) {
        return switch (setting) {
            case BIND_ADDRESS -> "--bind";
            case PORT -> "--port";
            case PROJECT_ID -> "--project";
            case SECRET_FILE -> "--secret-file";
            case TLS -> "--tls-cert/--tls-key";
            case RELOAD_INTERVAL -> "--tls-reload-interval";
            case TTL -> "--default-ttl/--max-ttl";
            case ALLOWED_ORIGINS -> "--allow-origin";
            case RATE_LIMITS -> "--uid-rate/--ip-rate";
            case TURN_HOST -> "--turn-host";
            case TURN_PORTS -> "--turn-port/--turns-port";
            case AUTH_EMULATOR -> "--auth-emulator";
            case TOKEN_CACHE -> "--token-cache";
            case SIZE_LIMITS -> "(request size limits)";
            case THREADS -> "--threads";
        };
    }

    /** The option's path, else the systemd credential of that name if it exists. */
    private Path orCredential(Path option, String name) {
        if (option != null) {
            return option;
        }
        Path inDir = SecretFile.inCredentialsDirectory(env, name);
        return inDir != null && Files.exists(inDir) ? inDir : null;
    }
}
