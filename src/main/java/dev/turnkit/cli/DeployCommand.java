package dev.turnkit.cli;

import dev.turnkit.check.Status;
import dev.turnkit.check.Transport;
import dev.turnkit.check.TurnTarget;
import dev.turnkit.deploy.Artifact;
import dev.turnkit.deploy.DeployException;
import dev.turnkit.deploy.DeployResult;
import dev.turnkit.deploy.Deployer;
import dev.turnkit.deploy.HostKeyException;
import dev.turnkit.deploy.SshTarget;
import dev.turnkit.deploy.Verification;
import dev.turnkit.model.ConfigException;
import dev.turnkit.model.HostSpec;
import dev.turnkit.model.ReleaseAssets;
import dev.turnkit.model.SecretSource;
import dev.turnkit.model.StackConfig;
import dev.turnkit.render.SecretValues;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code turnkit deploy}: push a stack's host files, secret and jar to a running host over SSH; verify; roll back. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Push the rendered host files, the TURN secret and (with --jar) turnkit.jar to a running host "
                + "over SSH: only what changed, atomically, then apply what each file declares (reload/restart), run "
                + "the production check suite and roll back on failure.",
            "The host key must be pinned or in known_hosts (first contact: --accept-new-host-key). Progress goes to "
                + "stderr; --json prints a summary on stdout. Exit 0 deployed (or nothing to do), 1 deployed with "
                + "a WARNING check, 2 failed and rolled back / host key refused / connection lost, 3 bad input."})
final class DeployCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--stack", required = true, paramLabel = "NAME", description = "Stack to deploy "
            + "(<stacks-dir>/Pulumi.<NAME>.yaml).")
    String stack;

    @Mixin
    StacksDirOption stacksDirOption;

    @Option(names = "--host", paramLabel = "HOST", description = "SSH host (default: the stack output publicIp when "
            + "the Pulumi CLI is installed, else turnkit:publicIp).")
    String host;

    @Option(names = "--user", paramLabel = "USER", description = "SSH user (default: turnkit:sshUser, else root; "
            + "commands run as this user, so it must be root).")
    String user;

    @Option(names = "--ssh-port", paramLabel = "PORT", description = "SSH port (default: turnkit:sshPort, else 22).")
    Integer sshPort;

    @Option(names = "--identity", paramLabel = "FILE", description = "Private key (default: turnkit:sshIdentityFile, "
            + "else ~/.ssh/id_ed25519, id_ecdsa, id_rsa).")
    Path identity;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file (default: "
            + "turnkit:sshKnownHostsFile, else ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--host-key-fingerprint", paramLabel = "SHA256:...", description = "Pin the host key (as "
            + "'ssh-keygen -lf' prints it) instead of using known_hosts (default: turnkit:sshHostKeyFingerprint).")
    String fingerprint;

    @Option(names = "--accept-new-host-key", description = "First contact: record an unknown host key in "
            + "known_hosts (a changed key is always refused).")
    boolean acceptNewHostKey;

    @Option(names = "--jar", paramLabel = "FILE", description = "Deploy this turnkit.jar to "
            + "/opt/turnkit/turnkit.jar (checksum verified on the host). Default: the stack's pinned release "
            + "(turnkit:turnkitVersion, or turnkit:turnkitJarUrl), downloaded by the host and checked against its "
            + "SHA-256.")
    Path jar;

    @Option(names = "--release-base-url", hidden = true, paramLabel = "URL", defaultValue = ReleaseAssets.GITHUB,
            description = "Fetch a turnkit:turnkitVersion release's turnkit.jar.sha256 from this base instead of"
                    + " https://github.com (tests); the host still downloads from GitHub.")
    String releaseBaseUrl;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Also deploy this certificate chain as "
            + "coturn's (/etc/coturn/tls/fullchain.pem), with --tls-key: coturn reloads it on SIGUSR2, no restart "
            + "(for a certificate not made by certbot on the host).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The private key of --tls-cert "
            + "(/etc/coturn/tls/privkey.pem).")
    Path tlsKey;

    @Option(names = "--dry-run", description = "Show a unified diff of what would change (secrets masked); write "
            + "nothing.")
    boolean dryRun;

    @Option(names = "--rotate-secret", description = "Rotate the TURN secret: deploy a new one next to the old, "
            + "save it to turnkit:turnSecretFile, wait past turnkit:credentialsMaxTtl, remove the old one.")
    boolean rotateSecret;

    @Option(names = "--check-server", paramLabel = "HOST", description = "Where the check reaches coturn "
            + "(default: the SSH host).")
    String checkServer;

    @Option(names = "--tls-server-name", paramLabel = "NAME", description = "Name the TLS certificate must carry "
            + "(default: turnkit:domain).")
    String tlsServerName;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "Trust these CA certificates for the TLS check.")
    Path caFile;

    @Option(names = "--timeout", defaultValue = "10s", paramLabel = "DURATION",
            converter = Durations.Converter.class,
            description = "SSH operation timeout and check deadline (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Path baseDir = stacksDirOption.dir.toAbsolutePath().normalize().getParent();
        StackConfig config;
        List<String> secrets;
        String target;
        try {
            config = StackFiles.load(stacksDirOption.dir, stack);
            target = host != null ? host : PulumiOutputs.publicIp(stack).orElse(
                    config.network().publicIp().orElse(null));
            if (target == null) {
                throw new CommandFailedException(ExitCode.UNKNOWN, "no host to deploy to: pass --host, or set "
                        + "turnkit:publicIp in the stack");
            }
            if (config.network().publicIp().isEmpty()) {
                config = config.withAddresses(target, null);
            }
            secrets = SecretValues.resolve(config, baseDir, true);
        } catch (ConfigException e) {
            throw new CommandFailedException(ExitCode.UNKNOWN, String.join("; ", e.problems()) + " (nothing sent)");
        }
        if (rotateSecret && (dryRun || secrets.size() != 1)) {
            throw new CommandFailedException(ExitCode.UNKNOWN, dryRun ? "--rotate-secret cannot be a --dry-run"
                    : "a rotation is already in progress (turnkit:previousTurnSecret is set): deploy without it first");
        }
        // before any connection: a release's checksum that cannot be fetched is bad input, with no side effect
        Optional<Artifact> jarArtifact = DeployFiles.releasedJar(config,
                jar == null ? null : DeployFiles.readJar(jar), releaseBaseUrl);
        List<Artifact> certificate = DeployFiles.certificate(tlsCert, tlsKey,
                HostSpec.production(config, secrets).coturnGroup());
        SshTarget ssh;
        Verification verification;
        try {
            ssh = sshTarget(config.ssh(), target, baseDir);
            TurnTarget turn = TurnTarget.of(checkServer != null ? checkServer : target)
                    .withPort(config.ports().listening()).withTlsPort(config.ports().tls())
                    .withTlsServerName(tlsServerName != null ? tlsServerName : config.domain()).withCaFile(caFile);
            verification = new Verification(turn, EnumSet.allOf(Transport.class), timeout);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCode.UNKNOWN, e.getMessage());
        }
        for (String warning : config.warnings()) {
            err.println("turnkit: warning: " + warning);
        }
        Deployer deployer = new Deployer(ssh, verification, line -> {
            err.println("deploy: " + line);
            err.flush();
        });
        StackConfig stackConfig = config;
        java.util.function.Function<List<String>, List<Artifact>> render = s -> {
            List<Artifact> files = new ArrayList<>(DeployFiles.artifacts(stackConfig, s, jarArtifact));
            files.addAll(certificate);
            return files;
        };
        DeployResult result;
        try {
            if (rotateSecret) {
                String fresh = Base64.getEncoder().encodeToString(randomBytes());
                Path secretFile = secretFile(config, baseDir);
                result = deployer.rotate(render, secrets.get(0), fresh,
                        Duration.ofSeconds(config.credentials().maxTtlSeconds() + 5L),
                        () -> saveSecret(secretFile, fresh));
            } else {
                result = deployer.deploy(render.apply(secrets), secrets.get(0), dryRun);
            }
        } catch (HostKeyException e) {
            throw new CommandFailedException(ExitCode.CRITICAL, e.getMessage());
        } catch (DeployException e) {
            throw new CommandFailedException(ExitCode.CRITICAL, e.getMessage() + " — the host keeps the previous "
                    + "version (files are swapped only after every upload); run the deploy again");
        }
        print(result);
        // a failed verification was rolled back: CRITICAL, whatever the check said (UNKNOWN included)
        return ExitCode.of(result.status() == Status.UNKNOWN ? Status.CRITICAL : result.status()).code();
    }

    /** The SSH settings: each flag, else its stack key, else OpenSSH's default; stack paths are project-relative. */
    private SshTarget sshTarget(StackConfig.Ssh stackSsh, String target, Path baseDir) {
        Path key = identity != null ? identity : stackSsh.identityFile().map(baseDir::resolve).orElse(null);
        Path hosts = knownHosts != null ? knownHosts : stackSsh.knownHostsFile().map(baseDir::resolve)
                .orElse(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
        return new SshTarget(target, sshPort != null ? sshPort : stackSsh.port(), user != null ? user
                : stackSsh.user(), key, hosts, fingerprint != null ? fingerprint
                        : stackSsh.hostKeyFingerprint().orElse(null), acceptNewHostKey, timeout);
    }

    private void print(DeployResult r) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(dev.turnkit.model.Json.pretty()
                    .writeValueAsString(r.summary()));
            return;
        }
        if (r.diff() != null) {
            out.print(r.diff());
        }
        out.println(r.message());
        if (r.rolledBack()) {
            CheckPrinter printer = new CheckPrinter(out);
            out.println("check after applying:");
            printer.table(checkServerName(), r.check());
            out.println("check after rolling back:");
            printer.table(checkServerName(), r.rollbackCheck());
        }
    }

    private String checkServerName() {
        return checkServer != null ? checkServer : host != null ? host : stack;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static Path secretFile(StackConfig config, Path baseDir) {
        if (!(config.secrets().turnSecret() instanceof SecretSource.File f)) {
            throw new CommandFailedException(ExitCode.UNKNOWN, "--rotate-secret needs turnkit:turnSecretFile (a "
                    + "Pulumi secret is rotated with 'pulumi config set --secret')");
        }
        return baseDir.resolve(f.path());
    }

    /** Replaces the local secret file atomically (0600), keeping the old value as FILE.previous until done. */
    private static void saveSecret(Path file, String value) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, value + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DeployException("cannot save the new secret to " + file + ": " + e.getMessage(), e);
        }
    }
}
