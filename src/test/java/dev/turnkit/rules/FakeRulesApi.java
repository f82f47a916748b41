package dev.turnkit.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the Firebase Rules API v1 (and the Resource Manager project lookup and an OAuth token
 * endpoint) that keeps rulesets and releases in memory and answers 400 to any request whose shape differs from the
 * documented one. It follows the service where our clients' beliefs differ, each with its source in docs/rules.md
 * ("The test fake follows the service"): end-user tokens need {@code x-goog-user-project}; 429 is both the cap and a rate limit; list
 * entries may lack {@code metadata}; {@code attachment_point} and {@code attachmentPoint} are both accepted.
 * Records every request as {@code METHOD /path?query}.
 */
public final class FakeRulesApi implements AutoCloseable {
    public static final String TOKEN = "test-access-token";
    /** What the token endpoint issues for a refresh-token grant (an end user's ADC file). */
    public static final String USER_TOKEN = "test-user-access-token";
    public static final String PROJECT_NUMBER = "424242";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RULESET = Pattern.compile("/v1/projects/([^/]+)/rulesets/([^/]+)");
    private static final Pattern RELEASE = Pattern.compile("/v1/projects/([^/]+)/releases/(cloud\\.firestore(/[^/]+)?)");

    /** A stored ruleset. */
    public record Ruleset(String name, String fileName, String content, Instant createTime, List<String> services,
            String attachmentPoint) {
    }

    /** x-goog-user-project of every Rules API request (null when absent). */
    public final List<String> userProjects = Collections.synchronizedList(new ArrayList<>());

    private final HttpServer server;
    public final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    public final Map<String, Ruleset> rulesets = new LinkedHashMap<>();
    public final Map<String, String> releases = new LinkedHashMap<>();
    /** Issues returned by {@code :test}, as JSON objects. */
    public final List<ObjectNode> compileIssues = new ArrayList<>();
    /** Creating a ruleset beyond this count answers 429. */
    public int rulesetQuota = Integer.MAX_VALUE;
    /** When set, every Rules API call answers 401. */
    public boolean rejectToken;
    /** When set, the OAuth token endpoint refuses the grant. */
    public boolean refuseGrant;
    /** The next this many ruleset creates answer 429 as a per-minute rate limit does. */
    public int rateLimitedCreates;
    /** When set, list entries carry no {@code metadata} (GET still does, for rulesets that have services). */
    public boolean listOmitsMetadata;
    private int nextId = 1;
    private Instant clock = Instant.parse("2026-01-01T00:00:00Z");

    public FakeRulesApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI rulesApiUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/");
    }

    public URI resourceManagerUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/rm/v1/");
    }

    public RulesApiClient client() {
        return new RulesApiClient(rulesApiUrl(), resourceManagerUrl(), RequestCredentials.bearer(TOKEN),
                java.time.Duration.ofSeconds(5));
    }

    /** Adds a ruleset created at {@code createTime} whose list and GET entries carry no metadata at all. */
    public String addRulesetWithoutMetadata(String project, String fileName, String content, Instant createTime) {
        String name = "projects/" + project + "/rulesets/rs-" + nextId++;
        rulesets.put(name, new Ruleset(name, fileName, content, createTime, null, null));
        return name;
    }

    /**
     * The authorized-user file {@code gcloud auth application-default login} writes
     * ({@code ~/.config/gcloud/application_default_credentials.json}), with its token_uri pointing here;
     * {@code quotaProject} null leaves out {@code quota_project_id}.
     */
    public Path userCredentialsFile(Path dir, String quotaProject) throws IOException {
        ObjectNode adc = JSON.createObjectNode()
                .put("type", "authorized_user")
                .put("client_id", "764086051850-example.apps.googleusercontent.com")
                .put("client_secret", "d-FL95Q19q7MQmFpd7hHD0Ty")
                .put("refresh_token", "1//test-refresh-token")
                .put("token_uri", "http://127.0.0.1:" + server.getAddress().getPort() + "/token");
        if (quotaProject != null) {
            adc.put("quota_project_id", quotaProject);
        }
        Path file = dir.resolve("application_default_credentials.json");
        Files.writeString(file, adc.toString());
        return file;
    }

    /** Adds a ruleset (older than every later one) and returns its name. */
    public String addRuleset(String project, String fileName, String content, String... services) {
        String name = "projects/" + project + "/rulesets/rs-" + nextId++;
        clock = clock.plusSeconds(60);
        rulesets.put(name, new Ruleset(name, fileName, content, clock, List.of(services), null));
        return name;
    }

    /** Rules API requests that change something (not GET, the {@code :test} compile check, or the token). */
    public List<String> mutatingRequests() {
        synchronized (requests) {
            return requests.stream().filter(r -> !r.startsWith("GET ") && !r.matches("POST /v1/projects/[^/]+:test")
                    && !r.equals("POST /token"))
                    .toList();
        }
    }

    /** A service-account key file whose token_uri points here (google-auth signs a real JWT with it). */
    public Path serviceAccountFile(Path dir) throws IOException, NoSuchAlgorithmException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(gen.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ObjectNode sa = JSON.createObjectNode()
                .put("type", "service_account")
                .put("project_id", "demo-deploy")
                .put("private_key_id", "key-1")
                .put("private_key", pem)
                .put("client_email", "deployer@demo-deploy.iam.gserviceaccount.com")
                .put("client_id", "1")
                .put("token_uri", "http://127.0.0.1:" + server.getAddress().getPort() + "/token");
        Path file = dir.resolve("service-account.json");
        Files.writeString(file, sa.toString());
        return file;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        URI uri = ex.getRequestURI();
        String path = uri.getPath();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(method + " " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        try {
            if (path.equals("/token")) {
                token(ex, body);
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String userProject = ex.getRequestHeaders().getFirst("x-goog-user-project");
            userProjects.add(userProject);
            boolean user = ("Bearer " + USER_TOKEN).equals(auth);
            if (rejectToken || !(user || ("Bearer " + TOKEN).equals(auth))) {
                error(ex, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
                return;
            }
            if (user && userProject == null && !path.startsWith("/rm/")) {
                // The wording Google APIs answer end-user ADC requests without a quota project with.
                error(ex, 403, "PERMISSION_DENIED", "Your application is authenticating by using local Application"
                        + " Default Credentials. The firebaserules.googleapis.com API requires a quota project, which"
                        + " is not set by default. To learn how to set your quota project, see"
                        + " https://cloud.google.com/docs/authentication/adc-troubleshooting/user-creds .");
                return;
            }
            route(ex, method, path, uri.getRawQuery(), body.isEmpty() ? null : JSON.readTree(body));
        } catch (RuntimeException e) {
            error(ex, 400, "INVALID_ARGUMENT", "fake: " + e.getMessage());
        }
    }

    private void route(HttpExchange ex, String method, String path, String query, JsonNode body) throws IOException {
        Matcher ruleset = RULESET.matcher(path);
        Matcher release = RELEASE.matcher(path);
        if (method.equals("GET") && path.matches("/rm/v1/projects/[^/]+")) {
            send(ex, 200, JSON.createObjectNode().put("projectId", path.substring(path.lastIndexOf('/') + 1))
                    .put("projectNumber", PROJECT_NUMBER));
        } else if (method.equals("POST") && path.matches("/v1/projects/[^/]+:test")) {
            source(body);
            ObjectNode r = JSON.createObjectNode();
            r.putArray("issues").addAll(compileIssues);
            send(ex, 200, r);
        } else if (method.equals("POST") && path.matches("/v1/projects/[^/]+/rulesets")) {
            createRuleset(ex, path.split("/")[3], body);
        } else if (method.equals("GET") && path.matches("/v1/projects/[^/]+/rulesets")) {
            require(query != null && query.contains("pageSize="), "list rulesets needs pageSize");
            List<Ruleset> newestFirst = new ArrayList<>(rulesets.values());
            Collections.reverse(newestFirst);
            page(ex, query, "rulesets", newestFirst.stream().map(rs -> {
                ObjectNode n = JSON.createObjectNode().put("name", rs.name())
                        .put("createTime", rs.createTime().toString());
                if (!listOmitsMetadata) {
                    metadata(n, rs);
                }
                return n;
            }).toList());
        } else if (method.equals("GET") && path.matches("/v1/projects/[^/]+/releases")) {
            require(query != null && query.contains("pageSize="), "list releases needs pageSize");
            page(ex, query, "releases", releases.entrySet().stream().map(e -> (ObjectNode) JSON.createObjectNode()
                    .put("name", e.getKey()).put("rulesetName", e.getValue())).toList());
        } else if (ruleset.matches() && method.equals("GET")) {
            Ruleset rs = rulesets.get(path.substring(4));
            if (rs == null) {
                error(ex, 404, "NOT_FOUND", "no ruleset " + path);
                return;
            }
            ObjectNode n = JSON.createObjectNode().put("name", rs.name()).put("createTime", rs.createTime().toString());
            n.putObject("source").putArray("files").addObject().put("name", rs.fileName()).put("content", rs.content());
            metadata(n, rs);
            send(ex, 200, n);
        } else if (ruleset.matches() && method.equals("DELETE")) {
            String name = path.substring(4);
            if (releases.containsValue(name)) {
                error(ex, 400, "FAILED_PRECONDITION", "ruleset is referenced by a release");
            } else if (rulesets.remove(name) == null) {
                error(ex, 404, "NOT_FOUND", "no ruleset " + name);
            } else {
                send(ex, 200, JSON.createObjectNode());
            }
        } else if (release.matches() && method.equals("GET")) {
            String name = path.substring(4);
            if (!releases.containsKey(name)) {
                error(ex, 404, "NOT_FOUND", "no release " + name);
                return;
            }
            send(ex, 200, JSON.createObjectNode().put("name", name).put("rulesetName", releases.get(name)));
        } else if (release.matches() && method.equals("PATCH")) {
            String name = path.substring(4);
            JsonNode rel = body.path("release");
            require(rel.path("name").asText().equals(name), "PATCH body must be {release:{name,rulesetName}}");
            require(rulesets.containsKey(rel.path("rulesetName").asText()), "unknown rulesetName");
            if (!releases.containsKey(name)) {
                error(ex, 404, "NOT_FOUND", "no release " + name);
                return;
            }
            releases.put(name, rel.get("rulesetName").asText());
            send(ex, 200, JSON.createObjectNode().put("name", name).put("rulesetName", releases.get(name)));
        } else if (method.equals("POST") && path.matches("/v1/projects/[^/]+/releases")) {
            String name = body.path("name").asText();
            require(name.matches("projects/" + path.split("/")[3] + "/releases/cloud\\.firestore(/[^/]+)?"),
                    "release name must be projects/{p}/releases/cloud.firestore[/db], got " + name);
            require(rulesets.containsKey(body.path("rulesetName").asText()), "unknown rulesetName");
            if (releases.containsKey(name)) {
                error(ex, 409, "ALREADY_EXISTS", "release exists");
                return;
            }
            releases.put(name, body.get("rulesetName").asText());
            send(ex, 200, body);
        } else {
            error(ex, 404, "NOT_FOUND", "fake has no " + method + " " + path);
        }
    }

    private void createRuleset(HttpExchange ex, String project, JsonNode body) throws IOException {
        JsonNode file = source(body);
        // proto3 JSON: parsers accept the proto field name and its lowerCamelCase JSON name alike.
        String snake = body.has("attachment_point") ? body.get("attachment_point").asText() : null;
        String camel = body.has("attachmentPoint") ? body.get("attachmentPoint").asText() : null;
        require(snake == null || camel == null || snake.equals(camel), "attachment_point given twice, differently");
        String attachment = snake != null ? snake : camel;
        if (attachment != null) {
            require(attachment.matches("firestore\\.googleapis\\.com/projects/" + PROJECT_NUMBER + "/databases/.+"),
                    "attachment_point must be firestore.googleapis.com/projects/{number}/databases/{db}");
        }
        if (rateLimitedCreates > 0) {
            rateLimitedCreates--;
            error(ex, 429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Mutate requests' and limit"
                    + " 'Mutate requests per minute' of service 'firebaserules.googleapis.com'.");
            return;
        }
        if (rulesets.size() >= rulesetQuota) {
            error(ex, 429, "RESOURCE_EXHAUSTED", "Quota exceeded for rulesets");
            return;
        }
        String name = "projects/" + project + "/rulesets/rs-" + nextId++;
        clock = clock.plusSeconds(60);
        Ruleset rs = new Ruleset(name, file.get("name").asText(), file.get("content").asText(), clock,
                List.of("cloud.firestore"), attachment);
        rulesets.put(name, rs);
        ObjectNode n = JSON.createObjectNode().put("name", name).put("createTime", clock.toString());
        n.putObject("source").putArray("files").addObject().put("name", rs.fileName()).put("content", rs.content());
        send(ex, 200, n);
    }

    private static void metadata(ObjectNode n, Ruleset rs) {
        if (rs.services() != null) {
            ArrayNode services = n.putObject("metadata").putArray("services");
            rs.services().forEach(services::add);
        }
    }

    /** The one documented source shape: {source:{files:[{name, content}]}}. */
    private static JsonNode source(JsonNode body) {
        require(body != null && body.path("source").path("files").isArray(), "body must be {source:{files:[...]}}");
        JsonNode files = body.get("source").get("files");
        require(files.size() == 1, "one rules file expected");
        JsonNode f = files.get(0);
        require(f.path("name").isTextual() && f.path("content").isTextual(), "a file is {name, content}");
        return f;
    }

    private void page(HttpExchange ex, String query, String key, List<ObjectNode> items) throws IOException {
        // Two per page whatever pageSize says, so callers must follow nextPageToken.
        int start = 0;
        Matcher m = Pattern.compile("pageToken=(\\d+)").matcher(query);
        if (m.find()) {
            start = Integer.parseInt(m.group(1));
        }
        ObjectNode r = JSON.createObjectNode();
        ArrayNode arr = r.putArray(key);
        items.subList(start, Math.min(items.size(), start + 2)).forEach(arr::add);
        if (start + 2 < items.size()) {
            r.put("nextPageToken", Integer.toString(start + 2));
        }
        send(ex, 200, r);
    }

    private void token(HttpExchange ex, String body) throws IOException {
        boolean refresh = body.contains("grant_type=refresh_token") && body.contains("refresh_token=");
        require(refresh || body.contains("grant_type=") && body.contains("assertion="),
                "token request must be a JWT or a refresh-token grant");
        if (refuseGrant) {
            send(ex, 400, JSON.createObjectNode().put("error", "invalid_grant")
                    .put("error_description", "Invalid JWT Signature."));
            return;
        }
        send(ex, 200, JSON.createObjectNode().put("access_token", refresh ? USER_TOKEN : TOKEN).put("expires_in", 3600)
                .put("token_type", "Bearer"));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.putObject("error").put("code", status).put("message", message).put("status", code);
        send(ex, status, n);
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
