package dev.turnkit.local;

import static dev.turnkit.local.LocalStack.COTURN_VERSION;
import static dev.turnkit.local.LocalStack.LOOPBACK;
import static dev.turnkit.local.LocalStack.REALM;
import static dev.turnkit.local.LocalStack.START_TIMEOUT;
import static dev.turnkit.local.LocalStack.TLS_HOST;

import dev.turnkit.model.CoturnVersion;
import dev.turnkit.model.FirebaseWebConfig;
import dev.turnkit.model.Json;
import dev.turnkit.model.PortRange;
import dev.turnkit.model.TurnServerSpec;
import dev.turnkit.model.TurnUris;
import dev.turnkit.render.HostRenderer;
import dev.turnkit.rules.FirestoreEmulator;
import dev.turnkit.rules.RulesSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;


/** The parts of the local stack as {@link LocalService}s, and the files they share; used by {@link LocalStack}. */
final class LocalParts {
    private LocalParts() {
    }

    /** coturn, rendered from the production template's local profile, laid out like on a host. */
    static ProcessService<LocalEndpoints.Turn> coturn(Path turnserver, Path state, LocalPorts ports,
            Path secretFile, byte[] secret, LocalTls tls, Path logs) throws IOException {
        int turnPort = ports.pick("TURN (udp+tcp)", LocalPorts.TURN, true);
        int tlsPort = ports.pick("TURN over TLS", LocalPorts.TURN_TLS, false);
        int[] relay = ports.relayRange(100);
        Path coturnDir = Files.createDirectories(state.resolve("coturn"));
        TurnServerSpec spec = TurnServerSpec.local(new TurnServerSpec.LocalOptions(REALM, turnPort, tlsPort,
                new PortRange(relay[0], relay[1]), CoturnVersion.of(COTURN_VERSION),
                List.of(new String(secret, StandardCharsets.US_ASCII)), tls.certificate().toString(),
                tls.privateKey().toString(), coturnDir.resolve("turndb").toString(), true, randomToken(),
                ownAddresses(), ipv6Loopback()));
        Path conf = coturnDir.resolve("turnserver.conf");
        writePrivate(conf, HostRenderer.create().renderTurnServerConf(spec));
        LocalEndpoints.Turn endpoint = new LocalEndpoints.Turn(LOOPBACK, turnPort, tlsPort, REALM,
                TurnUris.all(LOOPBACK, turnPort, TLS_HOST, tlsPort), relay[0] + "-" + relay[1],
                secretFile.toString(), tls.certificate().toString(), conf.toString());
        return new ProcessService<>("coturn", List.of(turnserver.toString(), "-c", conf.toString(),
                "--pidfile", coturnDir.resolve("turnserver.pid").toString()), coturnDir, logs.resolve("coturn.log"),
                () -> LocalPorts.listening(turnPort), endpoint);
    }

    /** The Firestore emulator with the project's rules, when wanted and installed; else null. */
    static LocalEndpoints.Firestore firestore(LocalOptions options, LocalPorts ports, Path logs,
            LocalStack.Running running, PrintWriter log) {
        if (!wanted(options.firestore(), Files.isRegularFile(FirestoreEmulator.DEFAULT_JAR), "Firestore emulator",
                "install the Debian package google-cloud-cli-firestore-emulator", running.warnings)) {
            return null;
        }
        Path rulesFile = options.repoRoot().resolve("firestore.rules");
        int port = ports.pick("Firestore emulator", LocalPorts.FIRESTORE, false);
        Path emulatorLog = logs.resolve("firestore-emulator.log");
        EmulatorService<FirestoreEmulator, LocalEndpoints.Firestore> service = new EmulatorService<>(
                "firestore-emulator", emulatorLog,
                () -> FirestoreEmulator.start(FirestoreEmulator.Options.defaults().withPort(port)
                        .withProjectId(options.projectId()).withStartTimeout(START_TIMEOUT).withLog(emulatorLog)),
                FirestoreEmulator::pid,
                fs -> new LocalEndpoints.Firestore(fs.host(), fs.port(), fs.baseUri().toString(), rulesFile.toString()));
        LocalEndpoints.Firestore endpoint = running.start(service, log, "the Firestore emulator on " + LOOPBACK
                + ":" + port + " with " + rulesFile.getFileName());
        service.handle().loadRules(RulesSource.read(rulesFile));
        return endpoint;
    }

    /** The sample call app (static files + its config.json), when the checkout has it; else null. */
    static LocalEndpoints.SampleApp sampleApp(LocalOptions options, ChildCommands commands, int appPort,
            LocalEndpoints.Firestore firestore, LocalEndpoints.Auth auth, LocalEndpoints.Credentials credentials,
            LocalStack.Running running, PrintWriter log) throws IOException {
        Path web = options.repoRoot().resolve("web");
        if (!Files.isRegularFile(web.resolve("index.html"))) {
            running.warnings.add("sample app not served: no web/index.html under " + options.repoRoot());
            return null;
        }
        if (!Files.isRegularFile(web.resolve("dist").resolve("app.js"))) {
            running.warnings.add("sample app not served: it is not built (no web/dist/app.js): run 'npm ci --prefix "
                    + "web && npm run build --prefix web' (or 'bash scripts/setup')");
            return null;
        }
        Path appConfigFile = running.stateDir.resolve("app-config.json");
        SampleAppConfig config = new SampleAppConfig(options.projectId(), auth == null ? null : auth.url(),
                firestore == null ? null : firestore.url(), credentials == null ? null : credentials.url(),
                FirebaseWebConfig.emulator(options.projectId()).asMap());
        Files.writeString(appConfigFile, Json.pretty().writeValueAsString(config));
        URI appUri = URI.create(origin(LOOPBACK, appPort) + "/");
        return running.start(new ProcessService<>("sample-app", commands.serveApp(web, appPort, appConfigFile),
                running.stateDir, running.stateDir.resolve("logs").resolve("sample-app.log"), () -> httpOk(appUri),
                new LocalEndpoints.SampleApp(appUri.toString())), log, "the sample app on " + appUri);
    }

    /** What the sample app reads from {@code config.json} (docs/sample-app.md). */
    record SampleAppConfig(String projectId, String authEmulatorUrl, String firestoreEmulatorUrl,
            String credentialsUrl, Map<String, String> firebase) {
    }

    /**
     * This machine's own IPv4 interface addresses (not loopback, not link-local): a browser on this machine offers
     * them as host candidates, and a relay-only peer reaches them through coturn. They are this machine, like
     * loopback, so the local profile allows them as peers; production never does.
     */
    static List<String> ownAddresses() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLinkLocalAddress() && !a.isLoopbackAddress()) {
                        out.add(a.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            // no interface list: host candidates then simply stay unreachable through the relay
        }
        return out;
    }

    /**
     * {@code ::1} when this machine has it: every URI the local endpoint issues names {@code localhost}, which
     * browsers resolve to {@code ::1} as well as {@code 127.0.0.1}; Chromium sends the allocation of an IPv6
     * network interface to {@code ::1}, and with nobody listening there that allocation waits out its retransmissions
     * and ICE gathering never completes (docs/local.md). Empty without IPv6 loopback (coturn would fail to bind it).
     */
    static List<String> ipv6Loopback() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || !nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet6Address && a.isLoopbackAddress()) {
                        return List.of("::1");
                    }
                }
            }
        } catch (SocketException e) {
            // no interface list: 127.0.0.1 only
        }
        return List.of();
    }

    static String origin(String host, int port) {
        return "http://" + host + ":" + port;
    }

    static boolean wanted(LocalOptions.Toggle toggle, boolean installed, String what, String howToInstall,
            List<String> warnings) {
        if (toggle == LocalOptions.Toggle.OFF) {
            return false;
        }
        if (!installed) {
            if (toggle == LocalOptions.Toggle.ON) {
                throw new LocalStackException(what + " requested but not installed: " + howToInstall);
            }
            warnings.add(what + " not started: not installed (" + howToInstall + ")");
            return false;
        }
        return true;
    }

    static boolean httpOk(URI uri) {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    static Path secret(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            writePrivate(file, Base64.getEncoder().encodeToString(bytes) + "\n");
        }
        return file;
    }

    static String randomToken() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static void writePrivate(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
