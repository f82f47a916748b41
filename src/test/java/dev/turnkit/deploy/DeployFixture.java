package dev.turnkit.deploy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.turnkit.check.Checks;
import dev.turnkit.check.TurnTarget;
import dev.turnkit.model.HostSpec;
import dev.turnkit.model.StackConfig;
import dev.turnkit.render.HostRenderer;
import dev.turnkit.testsupport.Components;
import dev.turnkit.testsupport.HostSshd;
import dev.turnkit.testsupport.SimulatedHost;
import dev.turnkit.testsupport.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Deploy tests' host: a {@link SimulatedHost} (network namespace behind the 1:1 NAT, mount namespace, systemctl
 * stand-in) with the real sshd inside, and the example dev stack moved onto its addresses. coturn is started by the
 * stand-in from the packaged unit plus the deployed drop-in, as on the VM.
 */
public final class DeployFixture {
    public static final String SECRET = "deploy-test-secret-0123456789abcdef";
    /** Names of this harness' namespaces, veths, iptables comments and temp dirs start with it. */
    public static final String PREFIX = "tkdp";
    public static final String COTURN = "coturn.service";

    private DeployFixture() {
    }

    /**
     * A fresh host, nothing deployed yet: {@code tls} installed as coturn's certificate (as certbot's deploy hook
     * leaves it), and a test-only coturn drop-in that allows relaying to the host's own public IP (TEST-NET-3 is in
     * the production deny list; the check relays through it, as FirstBootIT does). Start its sshd with
     * {@link SimulatedHost#startSshd()}.
     */
    public static SimulatedHost startHost(TestCertificates.Pem tls) {
        Components.turnserver();
        SimulatedHost host = SimulatedHost.builder(PREFIX).hairpin().start();
        try {
            host.writeFile("/etc/coturn/tls/fullchain.pem", read(tls.cert()), "0640");
            host.writeFile("/etc/coturn/tls/privkey.pem", read(tls.key()), "0640");
            host.sh("chown -R root:turnserver /etc/coturn/tls && chmod 0750 /etc/coturn/tls").orFail("tls owner");
            host.writeFile("/etc/systemd/system/coturn.service.d/zz-tkdp-test-allowed-peer.conf", """
                    # test only: the simulated public IP is in TEST-NET-3, which the production deny list covers
                    [Service]
                    ExecStart=
                    ExecStart=/usr/bin/turnserver -c /etc/turnserver.conf --pidfile= --allowed-peer-ip=%s
                    """.formatted(host.publicIp()), "0644");
            return host;
        } catch (RuntimeException | Error e) {
            host.close();
            throw e;
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code stacks/Pulumi.dev.yaml} on the host's addresses, a 60 s credential TTL and the given quota. */
    public static String stackYaml(SimulatedHost host, int userQuota) {
        try {
            String subnet = host.privateIp().substring(0, host.privateIp().lastIndexOf('.')) + ".0/24";
            String yaml = Files.readString(Path.of("stacks", "Pulumi.dev.yaml"));
            return yaml.replace("turnkit:publicIp: 203.0.113.10", "turnkit:publicIp: " + host.publicIp())
                    .replace("turnkit:privateIp: 10.0.0.10", "turnkit:privateIp: " + host.privateIp())
                    .replace("turnkit:vcnCidr: 10.0.0.0/16", "turnkit:vcnCidr: 10.111.0.0/16")
                    .replace("turnkit:subnetCidr: 10.0.0.0/24", "turnkit:subnetCidr: " + subnet)
                    .replace("turnkit:credentialsMaxTtl: 3600", "turnkit:credentialsMaxTtl: 60")
                    .replace("config:\n", "config:\n  turnkit:userQuota: " + userQuota + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StackConfig stack(SimulatedHost host, int userQuota) {
        return StackConfig.fromYaml("dev", stackYaml(host, userQuota));
    }

    /** Every host file of the stack, rendered by the same renderer as cloud-init. */
    static List<Artifact> files(StackConfig stack, List<String> secrets) {
        List<Artifact> out = new ArrayList<>();
        for (HostRenderer.HostFile f : HostRenderer.create().renderHostFiles(HostSpec.production(stack, secrets))) {
            out.add(Artifact.of(f));
        }
        return out;
    }

    static SshTarget ssh(HostSshd sshd, Path knownHosts) {
        return new SshTarget(sshd.address(), sshd.port(), "root", sshd.identity(), knownHosts, null, false,
                Duration.ofSeconds(30)); // generous: the machine running the tests may be busy
    }

    static Verification verification(SimulatedHost host, TestCertificates.Pem cert) {
        return new Verification(TurnTarget.of(host.publicIp()).withTlsServerName("localhost")
                .withCaFile(cert.cert()), Checks.allTransports(), Duration.ofSeconds(10));
    }

    /** The stand-in's log lines from index {@code from} on that act on a unit: daemon-reload, restart, reload, kill (a restart also logs its stop and start). */
    public static List<String> unitActions(SimulatedHost host, int from) {
        List<String> log = host.systemctlLog();
        return log.subList(Math.min(from, log.size()), log.size()).stream()
                .filter(l -> l.matches("(restart|reload|kill|daemon-reload)( .*)?")).toList();
    }

    /**
     * An HTTPS server on the host's "internet" address (root namespace) serving {@code body} at {@code /turnkit.jar},
     * with a certificate for that IP that the host's CA bundle trusts; stop it with {@code stop(0)}.
     */
    public static HttpsServer releaseServer(SimulatedHost host, byte[] body, AtomicInteger requests) throws Exception {
        Path dir = host.dir().resolve("release");
        Files.createDirectories(dir);
        String ip = host.internetIp();
        run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(), "-days", "2",
                "-subj", "/CN=release", "-addext", "subjectAltName=IP:" + ip));
        run(List.of("openssl", "pkcs12", "-export", "-in", dir.resolve("cert.pem").toString(), "-inkey",
                dir.resolve("key.pem").toString(), "-out", dir.resolve("server.p12").toString(), "-passout",
                "pass:changeit"));
        host.sh("cat >> /etc/ssl/certs/ca-certificates.crt <<'EOF'\n" + Files.readString(dir.resolve("cert.pem"))
                + "EOF").orFail("trust the release server");
        SSLContext tls = TestCertificates.serverContext(dir.resolve("server.p12"));
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(ip), 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/turnkit.jar", ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, body.length);
            try (var out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(command + " failed: " + out);
        }
    }

    static Artifact byPath(List<Artifact> files, String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
    }
}
