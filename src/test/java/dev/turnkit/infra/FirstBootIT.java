package dev.turnkit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import dev.turnkit.model.FileSpec;
import dev.turnkit.model.HostSpec;
import dev.turnkit.model.StackConfig;
import dev.turnkit.render.HostRenderer;
import dev.turnkit.testsupport.Components;
import dev.turnkit.testsupport.ManagedProcess;
import dev.turnkit.testsupport.SimulatedHost;
import dev.turnkit.testsupport.SimulatedSecureToken;
import dev.turnkit.testsupport.TimedRun;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * First boot of the TURN host, end to end, on a {@link SimulatedHost} (network namespace behind a 1:1 NAT, mount
 * namespace, systemctl stand-in): the rendered cloud-init's files and runcmd run as cloud-init would, with the real
 * coturn, certbot (against Pebble, the ACME test server), firewall script and turnkit jar. Then, from the root
 * namespace through the NAT, {@code turnkit check} passes every check against the public address, and a credential
 * fetched from the host's endpoint with a signed-in user's ID token allocates there. Along the way a STUN probe
 * outside the NAT shows that coturn answers only after the bootstrap's address check, restart and firewall step.
 *
 * <p>What the test adds that the rendered files do not hold, each because the simulated internet is not the
 * internet: certbot's server (Pebble) in {@code /etc/letsencrypt/cli.ini} plus its CA for certbot
 * ({@code REQUESTS_CA_BUNDLE}); a fake instance metadata service on 169.254.169.254 inside the host; a STUN server in
 * the root namespace (outside the NAT) as the bootstrap's STUN server; Google's ID-token key endpoint
 * ({@link SimulatedSecureToken}: {@code www.googleapis.com} in the host's {@code /etc/hosts}, its certificate in the
 * host's Java trust store), so the credentials service runs in production mode and checks real RS256 signatures; the
 * coturn package's own start before runcmd, as apt does on the VM; and, because the simulated public address
 * 203.0.113.N is in the production deny list (TEST-NET-3), a coturn drop-in that adds exactly
 * {@code --allowed-peer-ip=<public IP>} so the relay-echo check can relay to the server's own relayed address. Not
 * run: apt (coturn, certbot and Java are the machine's, seen through the overlay).
 */
class FirstBootIT {
    private static final String DOMAIN = "turn-first-boot.example.com";
    private static final String SECRET = "first-boot-test-secret-0123456789";

    @Test
    void firstBootServesTurnThroughTheNatAndASecondBootChangesNothing() throws Exception {
        Components.turnserver();
        Path pebbleBin = Components.require("pebble", Path.of("/usr/bin/pebble"), "apt-get install -y pebble");
        Components.require("certbot", Path.of("/usr/bin/certbot"), "apt-get install -y certbot");
        Components.require("python3", Path.of("/usr/bin/python3"), "apt-get install -y python3");
        try (SimulatedHost host = SimulatedHost.builder("tkfb").ociUbuntuFirewall().hairpin().start()) {
            Path dir = host.dir();
            String net = host.internetIp();
            List<ManagedProcess> internet = new ArrayList<>();
            AtomicInteger jarDownloads = new AtomicInteger();
            AtomicReference<byte[]> served = new AtomicReference<>();
            HttpServer jarServer = HttpServer.create(new InetSocketAddress(InetAddress.getByName(net), 0), 8);
            try (DatagramSocket stun = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(net), 0));
                    SimulatedSecureToken issuer = SimulatedSecureToken.start(dir, net);
                    OrderProbe probe = new OrderProbe(net, host.publicIp(), 3478)) {
                // ---- the simulated internet, in the root namespace ----------------------------------------------
                Thread stunThread = new Thread(() -> serveStun(stun), "tkfb-stun");
                stunThread.setDaemon(true);
                stunThread.start();
                byte[] jar = launcherJar(dir.resolve("turnkit.jar"));
                served.set(jar);
                jarServer.createContext("/turnkit.jar", ex -> {
                    jarDownloads.incrementAndGet();
                    byte[] body = served.get();
                    ex.sendResponseHeaders(200, body.length);
                    try (OutputStream o = ex.getResponseBody()) {
                        o.write(body);
                    }
                });
                jarServer.start();
                Path pebbleCert = dir.resolve("pebble-cert.pem");
                Path pebbleKey = dir.resolve("pebble-key.pem");
                run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-keyout", pebbleKey.toString(), "-out", pebbleCert.toString(), "-days", "2",
                        "-subj", "/CN=pebble", "-addext", "subjectAltName=IP:" + net));
                Path pebbleConfig = dir.resolve("pebble.json");
                Files.writeString(pebbleConfig, new ObjectMapper().writeValueAsString(Map.of("pebble", Map.of(
                        "listenAddress", net + ":14000", "managementListenAddress", net + ":15000",
                        "certificate", pebbleCert.toString(), "privateKey", pebbleKey.toString(),
                        "httpPort", 80, "tlsPort", 443, "ocspResponderURL", "",
                        "externalAccountBindingRequired", false))));
                internet.add(ManagedProcess.start("challtestsrv", List.of("/usr/bin/pebble-challtestsrv",
                        "-defaultIPv4", host.publicIp(), "-defaultIPv6", "", "-dns01", net + ":8053",
                        "-http01", "", "-https01", "", "-tlsalpn01", "", "-management", net + ":8055"),
                        dir, dir.resolve("challtestsrv.log")).awaitTcp(net, 8055, Duration.ofSeconds(20)));
                ProcessBuilder pebble = new ProcessBuilder(pebbleBin.toString(), "-config", pebbleConfig.toString(),
                        "-dnsserver", net + ":8053");
                internet.add(startWithEnv("pebble", pebble, Map.of("PEBBLE_VA_NOSLEEP", "1",
                        "PEBBLE_WFE_NONCEREJECT", "0"), dir).awaitTcp(net, 14000, Duration.ofSeconds(20)));

                // ---- render the host for this stack and "boot" it ----------------------------------------------
                String subnet = host.privateIp().substring(0, host.privateIp().lastIndexOf('.'));
                StackConfig config = TestStacks.config("domain", DOMAIN, "privateIp", host.privateIp(),
                        "vcnCidr", "10.111.0.0/16", "subnetCidr", subnet + ".0/24", "publicIp", host.publicIp(),
                        "stunServers", List.of(net + ":" + stun.getLocalPort()));
                HostSpec spec = HostSpec.production(config, List.of(SECRET))
                        .withAddressWait(30)
                        .withJar("http://" + net + ":" + jarServer.getAddress().getPort() + "/turnkit.jar",
                                sha256(jar));
                String userData = HostRenderer.create().renderHost(spec).stream()
                        .filter(f -> f.path().equals(HostRenderer.CLOUD_INIT_PATH)).map(FileSpec::content)
                        .findFirst().orElseThrow();
                JsonNode cloudInit = new ObjectMapper(new YAMLFactory()).readTree(userData);

                host.serveMetadata(Map.of("/opc/v2/vnics/", "[{\"vnicId\":\"ocid1.vnic.test\",\"privateIp\":\""
                        + host.privateIp() + "\",\"subnetCidrBlock\":\"" + subnet + ".0/24\"}]"));
                host.writeFile("/etc/letsencrypt/cli.ini", "server = https://" + net + ":14000/dir\n", "0644");
                host.writeFile("/etc/systemd/system/coturn.service.d/zz-tkfb-test-allowed-peer.conf", """
                        # test only: the simulated public IP is in TEST-NET-3, which the production deny list covers
                        [Service]
                        ExecStart=
                        ExecStart=/usr/bin/turnserver -c /etc/turnserver.conf --pidfile= --allowed-peer-ip=%s
                        """.formatted(host.publicIp()), "0644");

                // Google's ID-token keys, where firebase-admin fetches them: the name resolves to the simulated
                // internet and its certificate is trusted, so the credentials service verifies signatures for real.
                host.writeFile("/etc/hosts", host.readFile("/etc/hosts") + net + " " + SimulatedSecureToken.HOST
                        + "\n", "0644");
                host.writeFile("/etc/ssl/certs/java/cacerts", issuer.trustStoreWith(
                        Path.of("/etc/ssl/certs/java/cacerts"), dir), "0644");

                for (JsonNode f : cloudInit.path("write_files")) {
                    host.writeFile(f.path("path").asText(), f.path("content").asText(),
                            f.path("permissions").asText());
                }
                // As on the VM, the coturn package starts coturn when cloud-init installs it (after write_files,
                // before runcmd; deb-systemd-invoke start): from here on coturn runs, and only the image's firewall
                // keeps it from serving until the bootstrap has verified the address and restarted it.
                host.exec(List.of("systemctl", "start", "coturn.service")).orFail("package start of coturn");
                probe.start();
                Map<String, String> env = Map.of("REQUESTS_CA_BUNDLE", pebbleCert.toString(),
                        "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
                host.writeFile(pebbleCert.toString(), Files.readString(pebbleCert), "0644");
                long start = System.nanoTime();
                TimedRun boot = null;
                for (JsonNode cmd : cloudInit.path("runcmd")) {
                    List<String> argv = new ArrayList<>();
                    cmd.forEach(a -> argv.add(a.asText()));
                    boot = TimedRun.run(host.inside(argv), env, Duration.ofMinutes(5));
                    Files.writeString(dir.resolve("boot1.log"), boot.output());
                    assertThat(boot.exitCode()).as("first boot: " + argv + "\n" + boot.output() + "\nsystemctl: "
                            + host.systemctlLog() + "\ncoturn: " + host.unitOutput("coturn.service")).isZero();
                    assertThat(boot.output()).contains("turnkit-bootstrap: done");
                }
                probe.stop();
                assertServesOnlyAfterTheAddressCheckAndTheRestart(boot, probe, host);

                // ---- from the root namespace, through the NAT, to the public address --------------------------
                Path caFile = dir.resolve("pebble-roots.pem");
                run(List.of("curl", "-fsS", "--max-time", "10", "--cacert", pebbleCert.toString(), "-o",
                        caFile.toString(), "https://" + net + ":15000/roots/0"));
                Path secretFile = dir.resolve("secret");
                Files.writeString(secretFile, SECRET + "\n");
                String check = turnkit(List.of("check", "--server", host.publicIp(), "--tls-server-name", DOMAIN,
                        "--ca-file", caFile.toString(), "--secret-file", secretFile.toString(), "--timeout", "30s",
                        "--json"), dir);
                long firstBootToCheckOkMs = (System.nanoTime() - start) / 1_000_000;
                Files.writeString(dir.resolve("first-boot-ms"), Long.toString(firstBootToCheckOkMs));
                System.out.println("first boot to check OK: " + firstBootToCheckOkMs + " ms");
                JsonNode report = new ObjectMapper().readTree(check);
                assertThat(report.toString()).as("XOR-RELAYED-ADDRESS carries the public address")
                        .contains("relayed " + host.publicIp() + ":").doesNotContain("relayed " + host.privateIp());
                assertThat(report.toString()).contains("peer-deny-sweep", "tls-certificate");

                assertThat(host.readFile("/etc/turnserver.conf")).contains("external-ip=" + host.publicIp() + "/"
                        + host.privateIp()).doesNotContain("allowed-peer-ip");
                assertThat(host.systemctlLog()).as("the credentials service runs the verified jar")
                        .anyMatch(l -> l.startsWith("pid turnkit-credentials.service "));
                // The endpoint answers through the NAT with certbot's Pebble certificate (LoadCredential) and turns
                // away a request without a Firebase ID token.
                Process curl = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                        "--max-time", "20", "--retry", "8", "--retry-all-errors", "--retry-delay", "3", "--cacert",
                        caFile.toString(), "--resolve", DOMAIN + ":443:" + host.publicIp(),
                        "https://" + DOMAIN + "/v1/turn-credentials").redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                curl.waitFor(3, TimeUnit.MINUTES);
                status = status + "\ncredentials service:\n" + host.unitOutput("turnkit-credentials.service");
                assertThat(status).as("unauthenticated request to the credentials endpoint").startsWith("401\n");

                // A signed-in user's credential, fetched from the endpoint through the NAT as an app would, allocates
                // on the host's coturn at the public address. The name resolves to the public IP only for this
                // client (a hosts file for its JVM); the service verifies the token's RS256 signature against the
                // keys it fetches from "Google".
                String project = config.credentials().firebaseProjectId();
                Path token = dir.resolve("id-token");
                Files.writeString(token, issuer.idToken(project, "tkfb-user"));
                Path hosts = dir.resolve("client-hosts");
                Files.writeString(hosts, host.publicIp() + " " + DOMAIN + "\n");
                String fetched = turnkit(List.of("-Djdk.net.hosts.file=" + hosts), List.of("check", "--server",
                        host.publicIp(), "--credentials-url", "https://" + DOMAIN + "/v1/turn-credentials",
                        "--id-token-file", token.toString(), "--ca-file", caFile.toString(), "--checks",
                        "turn-allocate", "--transports", "udp,tcp", "--timeout", "30s", "--json"), dir);
                JsonNode allocated = new ObjectMapper().readTree(fetched);
                assertThat(allocated.path("status").asText()).as(fetched).isEqualTo("OK");
                assertThat(allocated.path("checks")).as("udp and tcp allocations").hasSize(2);
                allocated.path("checks").forEach(c -> assertThat(c.path("detail").asText()).as(fetched)
                        .contains("relayed " + host.publicIp() + ":"));
                assertThat(issuer.keyFetches()).as("the service checked the signature with the published keys")
                        .isPositive();
                assertThat(host.unitOutput("turnkit-credentials.service")).as("issued to the token's user, for a "
                        + "client outside the NAT").contains("\"ip\":\"" + net + "\"", "\"status\":200",
                        "\"uid\":\"tkfb-user\"");

                // ---- second boot: nothing changes ------------------------------------------------------------
                String before = host.sh("sha256sum /etc/coturn/tls/fullchain.pem /opt/turnkit/turnkit.jar "
                        + "/etc/turnserver.conf; iptables -S INPUT").orFail("snapshot").output();
                int downloads = jarDownloads.get();
                SimulatedHost.Result again = host.exec(List.of("/usr/local/sbin/turnkit-bootstrap"), env,
                        Duration.ofMinutes(5));
                assertThat(again.exitCode()).as(again.output()).isZero();
                assertThat(host.sh("sha256sum /etc/coturn/tls/fullchain.pem /opt/turnkit/turnkit.jar "
                        + "/etc/turnserver.conf; iptables -S INPUT").orFail("snapshot").output())
                        .as("same certificate, jar, config and firewall").isEqualTo(before);
                assertThat(jarDownloads.get()).as("a verified jar is not downloaded again").isEqualTo(downloads);

                // ---- a tampered jar is refused before it can run ---------------------------------------------
                byte[] tampered = jar.clone();
                tampered[tampered.length - 1] ^= 1;
                served.set(tampered);
                host.exec(List.of("systemctl", "stop", "turnkit-credentials.service")).orFail("stop credentials");
                host.exec(List.of("rm", "-f", "/opt/turnkit/turnkit.jar")).orFail("rm jar");
                int startsBefore = countStarts(host);
                SimulatedHost.Result bad = host.exec(List.of("/usr/local/sbin/turnkit-bootstrap"), env,
                        Duration.ofMinutes(5));
                assertThat(bad.exitCode()).as("a wrong checksum stops the bootstrap").isNotZero();
                assertThat(bad.output()).contains("turnkit jar REJECTED: SHA-256 " + sha256(tampered));
                assertThat(host.exists("/opt/turnkit/turnkit.jar")).isFalse();
                assertThat(countStarts(host)).as("the credentials service was not started with it")
                        .isEqualTo(startsBefore);
            } finally {
                jarServer.stop(0);
                internet.forEach(ManagedProcess::close);
            }
        }
    }

    /**
     * coturn never serves before its config is in place and verified: the probe outside the NAT gets its first STUN
     * answer from the public address only after the bootstrap has checked the address mapping, restarted coturn
     * with the drop-in, and opened the host firewall, although coturn (started by the package) ran all along.
     * Opening the firewall earlier in the bootstrap makes this fail.
     */
    private static void assertServesOnlyAfterTheAddressCheckAndTheRestart(TimedRun boot, OrderProbe probe,
            SimulatedHost host) {
        long restart = boot.timeOf("turnkit-bootstrap: restarting coturn with the hardening drop-in");
        long firewall = boot.timeOf("turnkit-bootstrap: opening the host firewall");
        String timeline = "boot lines (ms since epoch):\n" + boot.timeline() + "probe: " + probe.sent()
                + " requests, first answer at " + probe.firstAnswer() + "\nsystemctl: " + host.systemctlLog();
        assertThat(host.systemctlLog().indexOf("start coturn.service")).as("coturn ran before the bootstrap: "
                + timeline).isZero();
        assertThat(probe.sentBefore(restart)).as("the probe asked while the package's coturn ran: " + timeline)
                .isPositive();
        assertThat(probe.firstAnswer()).as("coturn answered through the NAT: " + timeline).isPositive();
        assertThat(probe.firstAnswer()).as("no answer before the address check passed and coturn restarted with "
                + "its config: " + timeline).isGreaterThan(restart);
        assertThat(probe.firstAnswer()).as("no answer before the bootstrap opened the host firewall: " + timeline)
                .isGreaterThan(firewall);
    }

    private static int countStarts(SimulatedHost host) {
        return (int) host.systemctlLog().stream().filter(l -> l.equals("start turnkit-credentials.service")).count();
    }

    /** A STUN server outside the NAT: answers every Binding request with the source it sees (RFC 8489). */
    private static void serveStun(DatagramSocket socket) {
        byte[] buf = new byte[1500];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                if (p.getLength() < 20 || buf[0] != 0 || buf[1] != 1) {
                    continue;
                }
                byte[] addr = p.getAddress().getAddress();
                ByteBuffer out = ByteBuffer.allocate(32);
                out.putShort((short) 0x0101).putShort((short) 12).put(buf, 4, 16);
                out.putShort((short) 0x0020).putShort((short) 8).put((byte) 0).put((byte) 1)
                        .putShort((short) (p.getPort() ^ 0x2112));
                for (int i = 0; i < 4; i++) {
                    out.put((byte) (addr[i] ^ buf[4 + i]));
                }
                socket.send(new DatagramPacket(out.array(), 32, p.getSocketAddress()));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // a bad datagram: keep serving
            }
        }
    }

    /**
     * A runnable turnkit jar from the test's own class path: a manifest whose Class-Path names target/classes and
     * the dependency jars (all visible inside the host), so the test needs no {@code mvn package} first.
     */
    private static byte[] launcherJar(Path out) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.turnkit.cli.Main");
        StringBuilder cp = new StringBuilder();
        for (String entry : classPath()) {
            Path p = Path.of(entry).toAbsolutePath();
            cp.append(' ').append(p.toUri());
        }
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, cp.toString().trim());
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out), m)) {
            jar.flush();
        }
        return Files.readAllBytes(out);
    }

    private static List<String> classPath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isBlank() && !e.contains("test-classes") && !e.contains("surefire")) {
                entries.add(e);
            }
        }
        return entries;
    }

    /** Runs the turnkit CLI as its own process in the root namespace; returns stdout, fails on a non-zero exit. */
    private static String turnkit(List<String> args, Path dir) throws Exception {
        return turnkit(List.of(), args, dir);
    }

    private static String turnkit(List<String> jvmArgs, List<String> args, Path dir) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", String.join(File.pathSeparator, classPath()), "dev.turnkit.cli.Main"));
        cmd.addAll(args);
        Path err = dir.resolve("turnkit-" + System.nanoTime() + ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("turnkit " + args + ":\n" + out + Files.readString(err)).isZero();
        return out;
    }

    private static ManagedProcess startWithEnv(String name, ProcessBuilder pb, Map<String, String> env, Path dir) {
        List<String> cmd = new ArrayList<>(List.of("env"));
        new LinkedHashMap<>(env).forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.addAll(pb.command());
        return ManagedProcess.start(name, cmd, dir, dir.resolve(name + ".log"));
    }

    private static void run(List<String> cmd) throws Exception {
        runOut(cmd);
    }

    private static String runOut(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(cmd + ":\n" + out).isZero();
        return out;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
