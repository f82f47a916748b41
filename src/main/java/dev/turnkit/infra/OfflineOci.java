package dev.turnkit.infra;

import com.pulumi.test.Mocks;
import dev.turnkit.model.StackConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Stands in for Oracle Cloud when the stack runs without the Pulumi engine ({@code turnkit plan}, tests): records
 * every resource the program registers with its inputs, and answers the provider functions offline from the
 * stack config. It imitates a fresh tenancy: the configured availability domains exist and the newest image for
 * the shape is a placeholder. Like the provider, it returns a resource's inputs as its state.
 */
public final class OfflineOci implements Mocks {
    /** The address the plan shows for the reserved public IP when the stack file has none (TEST-NET-1). */
    public static final String PLACEHOLDER_PUBLIC_IP = "192.0.2.10";
    /** The web app id the plan shows until Firebase assigns one. */
    public static final String PLACEHOLDER_APP_ID = "<app id: assigned by Firebase>";
    /** The web API key the plan shows until Firebase creates it. */
    public static final String PLACEHOLDER_API_KEY = "<api key: created by Firebase>";

    /** The tenancy's Object Storage namespace until OCI answers. */
    public static final String PLACEHOLDER_NAMESPACE = "tenancy-namespace";
    /** The regional Object Storage endpoint the plan shows. */
    public static final String PLACEHOLDER_OBJECT_STORAGE = "https://objectstorage.region.oraclecloud.com";

    private final StackConfig config;
    private final List<Registered> registered = Collections.synchronizedList(new ArrayList<>());

    /**
     * One registered resource.
     *
     * @param type   Pulumi type token
     * @param name   logical name
     * @param inputs inputs as the provider would receive them (numbers as doubles, nested args as maps)
     */
    public record Registered(String type, String name, Map<String, Object> inputs) {
    }

    public OfflineOci(StackConfig config) {
        this.config = config;
    }

    /** The resources registered so far, in registration order. */
    public List<Registered> registered() {
        synchronized (registered) {
            return List.copyOf(registered);
        }
    }

    /** The mock id of a resource: readable in plans, unique per logical name. */
    public static String idOf(String name) {
        return "<id of " + name + ">";
    }

    /** The pre-authenticated URL the plan assumes for an object ({@code /p/<token>/n/<ns>/b/<bucket>/o/<object>}). */
    public static String parUrl(String namespace, String bucket, String object) {
        return PLACEHOLDER_OBJECT_STORAGE + "/p/<par-token>/n/" + namespace + "/b/" + bucket + "/o/" + object;
    }

    /** The reserved public IP the plan assumes. */
    public String publicIp() {
        return config.network().publicIp().orElse(PLACEHOLDER_PUBLIC_IP);
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        registered.add(new Registered(args.type, args.name, args.inputs));
        Map<String, Object> state = new LinkedHashMap<>(args.inputs);
        switch (args.type) {
            case "oci:Core/publicIp:PublicIp" -> state.put("ipAddress", publicIp());
            case "gcp:firebase/webApp:WebApp" -> state.put("appId", PLACEHOLDER_APP_ID);
            case "oci:ObjectStorage/preauthrequest:Preauthrequest" -> {
                // As OCI answers: the path carries a secret token; fullPath is the whole URL (regional endpoint).
                String url = parUrl(String.valueOf(args.inputs.get("namespace")),
                        String.valueOf(args.inputs.get("bucket")), String.valueOf(args.inputs.get("objectName")));
                state.put("accessUri", url.substring(PLACEHOLDER_OBJECT_STORAGE.length()));
                state.put("fullPath", url);
                state.put("parId", idOf(args.name));
            }
            case "oci:Core/instance:Instance" -> {
                Object vnic = args.inputs.get("createVnicDetails");
                if (vnic instanceof Map<?, ?> m && m.get("privateIpId") != null) {
                    state.put("privateIp", config.network().privateIp());
                }
                state.put("state", "RUNNING");
            }
            default -> {
            }
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(idOf(args.name)), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs call) {
        Map<String, Object> args = call.args;
        return switch (call.token) {
            case "oci:Identity/getAvailabilityDomains:getAvailabilityDomains" -> done(Map.of(
                    "compartmentId", config.oci().compartmentId(),
                    "availabilityDomains", config.oci().availabilityDomains().stream()
                            .map(ad -> Map.of("name", ad, "id", idOf(ad), "compartmentId",
                                    config.oci().compartmentId()))
                            .toList()));
            case "oci:Core/getImages:getImages" -> done(Map.of("images", List.of(image(args))));
            case "oci:ObjectStorage/getNamespace:getNamespace" -> done(Map.of("namespace", PLACEHOLDER_NAMESPACE,
                    "id", PLACEHOLDER_NAMESPACE));
            case "gcp:firebase/getWebAppConfig:getWebAppConfig" -> done(webAppConfig(args));
            default -> CompletableFuture.failedFuture(
                    new IllegalArgumentException("offline plan: unexpected provider function " + call.token));
        };
    }

    /** Firebase's answer for a web app's config: the API key is a placeholder until the app exists. */
    private static Map<String, Object> webAppConfig(Map<String, Object> args) {
        String project = String.valueOf(args.get("project"));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("apiKey", PLACEHOLDER_API_KEY);
        c.put("authDomain", project + ".firebaseapp.com");
        c.put("webAppId", String.valueOf(args.get("webAppId")));
        c.put("project", project);
        c.put("id", project + "/" + args.get("webAppId"));
        c.put("databaseUrl", "");
        c.put("locationId", "");
        c.put("measurementId", "");
        c.put("messagingSenderId", "");
        c.put("storageBucket", "");
        return c;
    }

    private Map<String, Object> image(Map<String, Object> args) {
        boolean arm = config.instance().shape().architecture().equals("arm64");
        String os = String.valueOf(args.get("operatingSystem"));
        String version = String.valueOf(args.get("operatingSystemVersion"));
        String displayName = os.replace(' ', '-') + "-" + version + (arm ? "-aarch64" : "") + "-<newest>";
        return Map.of("id", "<newest " + displayName + " image>", "displayName", displayName,
                "operatingSystem", os, "operatingSystemVersion", version, "state", "AVAILABLE");
    }

    private static CompletableFuture<Map<String, Object>> done(Map<String, Object> result) {
        return CompletableFuture.completedFuture(result);
    }
}
