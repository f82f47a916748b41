package dev.turnkit.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A local HTTPS stand-in for the four OCI APIs turnkit reads, on a free loopback port with a self-signed
 * certificate. It answers the documented JSON shapes (docs/oci.md lists the API reference pages) and, like the real
 * services, verifies every request's signature first (OCI "Request Signatures", version 1, after
 * draft-cavage-http-signatures-08): {@code Authorization: Signature version="1",keyId="tenancy/user/fingerprint",
 * algorithm="rsa-sha256",headers="…",signature="…"}, where the headers must include {@code date (request-target)
 * host}, and for requests with a body also {@code x-content-sha256 content-type content-length}; the body hash and
 * length must match and the date be within 5 minutes. A request failing any of it gets {@code 401 NotAuthenticated}.
 */
public final class FakeOci implements AutoCloseable {
    /** Test OCIDs. */
    public static final String TENANCY = "ocid1.tenancy.oc1..aaaaaaaatk14tenancy";
    public static final String USER = "ocid1.user.oc1..aaaaaaaatk14user";
    public static final String COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaaexampleexampleexampleexample";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /** One request as the fake saw it. */
    public record Request(String method, String path, String query, int status, String body) {
    }

    /** Live figures for one limit. */
    public record Limit(long used, long available) {
    }

    /** One AD's capacity answer. */
    public record Capacity(String status, long availableCount) {
    }

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Path caPem;

    public volatile String homeRegion = "eu-frankfurt-1";
    public final Map<String, Limit> limits = new ConcurrentHashMap<>();
    public final Map<String, Capacity> capacity = Collections.synchronizedMap(new LinkedHashMap<>());
    public final AtomicInteger throttleCapacityRequests = new AtomicInteger();
    public volatile List<Double> egressDatapoints = List.of();

    /** Starts the fake on 127.0.0.1; {@code dir} receives its certificate ({@link #caPem()}). */
    public FakeOci(Path dir) throws IOException, GeneralSecurityException {
        TestCertificates.Pem pem = TestCertificates.selfSigned(dir, "tk14-fake-oci", 0, 30);
        this.caPem = pem.cert();
        SSLContext ssl = TestCertificates.serverContext(dir.resolve("tk14-fake-oci.p12"));
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        reset();
    }

    /** Back to the initial state: no keys, no requests, Always Free limits unused, no ADs, no throttling. */
    public void reset() {
        keys.clear();
        requests.clear();
        capacity.clear();
        throttleCapacityRequests.set(0);
        egressDatapoints = List.of();
        homeRegion = "eu-frankfurt-1";
        limits.clear();
        limits.put("standard-a1-core-regional-count", new Limit(0, 2));
        limits.put("standard-a1-memory-regional-count", new Limit(0, 12));
        limits.put("vm-standard-e2-1-micro-count", new Limit(0, 2));
        limits.put("total-free-storage-gb-regional", new Limit(0, 200));
        limits.put("reserved-public-ip-count", new Limit(0, 1));
    }

    /** {@code https://127.0.0.1:PORT}. */
    public String endpoint() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The certificate to trust. */
    public Path caPem() {
        return caPem;
    }

    /** Accepts requests signed by {@code key} under {@code keyId} ({@code tenancy/user/fingerprint}). */
    public void register(String keyId, PublicKey key) {
        keys.put(keyId, key);
    }

    /** Every request received, refused ones included. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Requests whose path contains {@code fragment}. */
    public long count(String fragment) {
        return requests().stream().filter(r -> r.path().contains(fragment)).count();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String path = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery();
        String refusal = verifySignature(ex, body);
        int[] status = new int[1];
        String answer;
        if (refusal != null) {
            status[0] = 401;
            answer = error("NotAuthenticated", refusal);
        } else {
            answer = route(ex.getRequestMethod(), path, query, body, status);
        }
        requests.add(new Request(ex.getRequestMethod(), path, query, status[0], new String(body,
                StandardCharsets.UTF_8)));
        byte[] out = answer.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("opc-request-id", "tk14-" + requests.size());
        ex.sendResponseHeaders(status[0], out.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(out);
        }
    }

    /** Null when the signature is valid, else why it is not. */
    private String verifySignature(HttpExchange ex, byte[] body) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Signature ")) {
            return "missing Authorization: Signature header";
        }
        Map<String, String> p = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(auth);
        while (m.find()) {
            p.put(m.group(1), m.group(2));
        }
        if (!"1".equals(p.get("version")) || !"rsa-sha256".equals(p.get("algorithm"))) {
            return "version must be 1 and algorithm rsa-sha256";
        }
        PublicKey key = keys.get(p.getOrDefault("keyId", ""));
        if (key == null) {
            return "unknown keyId " + p.get("keyId");
        }
        List<String> signed = List.of(p.getOrDefault("headers", "").toLowerCase(Locale.ROOT).split(" "));
        String method = ex.getRequestMethod().toLowerCase(Locale.ROOT);
        List<String> required = new ArrayList<>(List.of("date", "(request-target)", "host"));
        if (method.equals("post") || method.equals("put") || method.equals("patch")) {
            required.addAll(List.of("x-content-sha256", "content-type", "content-length"));
            try {
                String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
                if (!sha.equals(ex.getRequestHeaders().getFirst("x-content-sha256"))) {
                    return "x-content-sha256 does not match the body";
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            if (!String.valueOf(body.length).equals(ex.getRequestHeaders().getFirst("content-length"))) {
                return "content-length does not match the body";
            }
        }
        if (!signed.containsAll(required)) {
            return "signed headers " + signed + " lack some of " + required;
        }
        String date = ex.getRequestHeaders().getFirst("date");
        if (date == null || Duration.between(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant(), Instant.now()).abs().toMinutes() >= 5) {
            return "date missing or more than 5 minutes off";
        }
        StringBuilder signing = new StringBuilder();
        for (String h : signed) {
            if (signing.length() > 0) {
                signing.append('\n');
            }
            if (h.equals("(request-target)")) {
                String q = ex.getRequestURI().getRawQuery();
                signing.append("(request-target): ").append(method).append(' ')
                        .append(ex.getRequestURI().getRawPath()).append(q == null ? "" : "?" + q);
            } else {
                String v = ex.getRequestHeaders().getFirst(h);
                if (v == null) {
                    return "signed header " + h + " is missing";
                }
                signing.append(h).append(": ").append(v);
            }
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(signing.toString().getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(p.getOrDefault("signature", ""))) ? null
                    : "signature does not verify with the key of " + p.get("keyId");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "bad signature: " + e.getMessage();
        }
    }

    private String route(String method, String path, String query, byte[] body, int[] status) throws IOException {
        status[0] = 200;
        Map<String, String> q = queryMap(query);
        Matcher m;
        if (method.equals("GET") && (m = Pattern.compile("/20160918/users/([^/]+)").matcher(path)).matches()) {
            // Identity API, GetUser → User
            return json(Map.of("id", m.group(1), "compartmentId", TENANCY, "name", "tk14-ops@example.com",
                    "description", "test user", "lifecycleState", "ACTIVE", "timeCreated",
                    "2026-01-01T00:00:00.000Z"));
        }
        if (method.equals("GET") && (m = Pattern.compile("/20160918/tenancies/([^/]+)").matcher(path)).matches()) {
            // Identity API, GetTenancy → Tenancy
            return json(Map.of("id", m.group(1), "name", "tk14tenancy", "description", "test tenancy",
                    "homeRegionKey", "FRA"));
        }
        if (method.equals("GET") && path.matches("/20160918/tenancies/[^/]+/regionSubscriptions")) {
            // Identity API, ListRegionSubscriptions → RegionSubscription[]
            return json(List.of(
                    Map.of("regionKey", "FRA", "regionName", homeRegion, "status", "READY", "isHomeRegion", true),
                    Map.of("regionKey", "AMS", "regionName", "eu-amsterdam-1", "status", "READY",
                            "isHomeRegion", false)));
        }
        if (method.equals("GET") && path.equals("/20160918/availabilityDomains")) {
            // Identity API, ListAvailabilityDomains → AvailabilityDomain[]
            if (!TENANCY.equals(q.get("compartmentId"))) {
                return invalid(status, "compartmentId must be the tenancy");
            }
            List<Map<String, String>> ads = new ArrayList<>();
            synchronized (capacity) {
                capacity.keySet().forEach(ad -> ads.add(Map.of("name", ad, "id", "ocid1.availabilitydomain.oc1..tk14"
                        + ad.hashCode(), "compartmentId", TENANCY)));
            }
            return json(ads);
        }
        if (method.equals("GET") && (m = Pattern.compile("/20190729/services/([^/]+)/limits/([^/]+)/"
                + "resourceAvailability").matcher(path)).matches()) {
            // Limits API, GetResourceAvailability → ResourceAvailability; AD-scoped limits need availabilityDomain
            Limit l = limits.get(m.group(2));
            if (l == null) {
                status[0] = 404;
                return error("NotAuthorizedOrNotFound", "no such limit");
            }
            if (m.group(2).equals("vm-standard-e2-1-micro-count") && !q.containsKey("availabilityDomain")) {
                return invalid(status, "availabilityDomain is required for an AD-scoped limit");
            }
            return json(Map.of("used", l.used(), "available", l.available(), "fractionalUsage", l.used(),
                    "fractionalAvailability", l.available(), "effectiveQuotaValue", l.used() + l.available()));
        }
        if (method.equals("POST") && path.equals("/20160918/computeCapacityReports")) {
            // Core Services API, CreateComputeCapacityReport (CreateComputeCapacityReportDetails → ComputeCapacityReport)
            if (throttleCapacityRequests.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status[0] = 429;
                return error("TooManyRequests", "Too many requests for the tenancy");
            }
            JsonNode details = JSON.readTree(body);
            String ad = details.path("availabilityDomain").asText("");
            JsonNode shape = details.path("shapeAvailabilities").path(0);
            if (!TENANCY.equals(details.path("compartmentId").asText("")) || !capacity.containsKey(ad)
                    || shape.path("instanceShape").asText("").isEmpty()) {
                return invalid(status, "compartmentId (always the root compartment), a known availabilityDomain and "
                        + "shapeAvailabilities"
                        + "[].instanceShape are required");
            }
            Capacity c = capacity.get(ad);
            Map<String, Object> availability = new LinkedHashMap<>();
            availability.put("instanceShape", shape.path("instanceShape").asText());
            if (shape.has("instanceShapeConfig")) {
                availability.put("instanceShapeConfig", JSON.convertValue(shape.path("instanceShapeConfig"),
                        Map.class));
            }
            availability.put("availableCount", c.availableCount());
            availability.put("availabilityStatus", c.status());
            return json(Map.of("compartmentId", details.path("compartmentId").asText(), "availabilityDomain", ad,
                    "shapeAvailabilities", List.of(availability), "timeCreated", "2026-11-30T12:00:00.000Z"));
        }
        if (method.equals("POST") && path.equals("/20180401/metrics/actions/summarizeMetricsData")) {
            // Monitoring API, SummarizeMetricsData (SummarizeMetricsDataDetails → MetricData[])
            JsonNode details = JSON.readTree(body);
            String query2 = details.path("query").asText("");
            if (!q.containsKey("compartmentId") || !"oci_vcn".equals(details.path("namespace").asText())
                    || !query2.startsWith("VnicToNetworkBytes[") || details.path("startTime").isMissingNode()) {
                return invalid(status, "compartmentId, namespace oci_vcn, a query and startTime are required");
            }
            List<Map<String, Object>> points = new ArrayList<>();
            Instant day = Instant.parse(details.path("startTime").asText());
            for (Double v : egressDatapoints) {
                points.add(Map.of("timestamp", day.toString(), "value", v));
                day = day.plus(Duration.ofDays(1));
            }
            return json(List.of(Map.of("namespace", "oci_vcn", "compartmentId", q.get("compartmentId"),
                    "name", "VnicToNetworkBytes", "dimensions", Map.of("resourceId", "tk14"),
                    "aggregatedDatapoints", points)));
        }
        status[0] = 404;
        return error("NotAuthorizedOrNotFound", "the fake has no route for " + method + " " + path);
    }

    private static String invalid(int[] status, String message) {
        status[0] = 400;
        return error("InvalidParameter", message);
    }

    /** The documented error body: {@code {"code": "...", "message": "..."}}. */
    private static String error(String code, String message) {
        return json(Map.of("code", code, "message", message));
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> queryMap(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1),
                            StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    /** An RSA API key pair, its private key written as PKCS#8 PEM with mode 600. */
    public record ApiKey(KeyPair pair, Path pem, String fingerprint) {
        public String keyId() {
            return TENANCY + "/" + USER + "/" + fingerprint;
        }
    }

    /** Generates an API key under {@code dir/name.pem}. */
    public static ApiKey apiKey(Path dir, String name) throws IOException, GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair pair = gen.generateKeyPair();
        Path pem = dir.resolve(name + ".pem");
        String text = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(pem, text, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("rw-------"));
        byte[] md5 = MessageDigest.getInstance("MD5").digest(pair.getPublic().getEncoded());
        return new ApiKey(pair, pem, java.util.HexFormat.ofDelimiter(":").formatHex(md5));
    }

    /** A stack file's text for an A1 stack of this size in {@link #COMPARTMENT}, ADs 1 and 2 of eu-frankfurt-1. */
    public static String stackYaml(int ocpus, int memoryGb) {
        return String.join("\n",
                "config:",
                "  oci:region: eu-frankfurt-1",
                "  turnkit:domain: turn.example.com",
                "  turnkit:privateIp: 10.0.0.10",
                "  turnkit:shape: VM.Standard.A1.Flex",
                "  turnkit:ocpus: " + ocpus,
                "  turnkit:memoryGb: " + memoryGb,
                "  turnkit:bootVolumeGb: 50",
                "  turnkit:adminSshCidr: 198.51.100.7/32",
                "  turnkit:acmeEmail: ops@example.com",
                "  turnkit:sshPublicKey: ssh-ed25519 "
                        + "AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnlyForDocumentation0000000000 ops@example",
                "  turnkit:firebaseProjectId: example-webrtc-dev",
                "  turnkit:turnSecretFile: .turnkit/test/turn-secret",
                "  turnkit:compartmentId: " + COMPARTMENT,
                "  turnkit:availabilityDomains:",
                "    - Uocm:EU-FRANKFURT-1-AD-1",
                "    - Uocm:EU-FRANKFURT-1-AD-2",
                "");
    }

    /** Writes an OCI config file with one profile for {@code key}. */
    public static Path configFile(Path dir, String profile, ApiKey key, String fingerprint, String region)
            throws IOException {
        Path config = dir.resolve("config");
        Files.writeString(config, "[" + profile + "]\nuser=" + USER + "\nfingerprint=" + fingerprint
                + "\nkey_file=" + key.pem() + "\ntenancy=" + TENANCY + "\nregion=" + region + "\n",
                StandardCharsets.UTF_8);
        return config;
    }
}
