package dev.turnkit.model;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Firebase side of a stack, enabled by {@code firestoreLocation}; the project is {@code firebaseProjectId}. Its
 * other keys are refused without it (unless they hold their defaults, as the Pulumi engine passes them).
 * Billing-only options need {@code gcpBilling}, which also turns on the TTL policies (TTL deletes are not free).
 */
final class FirebaseSection {
    static final List<StackKey<?>> OPTIONS = List.of(StackKeys.FIRESTORE_DATABASE,
            StackKeys.FIRESTORE_DELETE_PROTECTION, StackKeys.FIRESTORE_POINT_IN_TIME_RECOVERY,
            StackKeys.SIGN_IN_PROVIDERS, StackKeys.AUTHORIZED_DOMAINS, StackKeys.GCP_BILLING);

    private FirebaseSection() {
    }

    /** Reads the section; each problem goes to {@code problems} (as {@code in} reports its own). */
    static Optional<StackConfig.Firebase> read(StackValues in, StackConfig.Credentials credentials,
            List<String> problems) {
        if (!in.present(StackKeys.FIRESTORE_LOCATION)) {
            for (StackKey<?> key : OPTIONS) {
                Object v = in.present(key) ? in.get(key) : null;
                if (v != null && !v.equals(key.defaultValue()) && !(v instanceof List<?> l && l.isEmpty())) {
                    in.problem(key, "set only with " + StackKeys.FIRESTORE_LOCATION + ", which enables the Firebase"
                            + " backend (docs/firebase.md)");
                }
            }
            return Optional.empty();
        }
        String projectId = credentials.firebaseProjectId();
        String database = in.present(StackKeys.FIRESTORE_DATABASE) ? in.get(StackKeys.FIRESTORE_DATABASE)
                : StackConfig.Firebase.DEFAULT_DATABASE;
        boolean billing = in.get(StackKeys.GCP_BILLING);
        List<String> providers = in.get(StackKeys.SIGN_IN_PROVIDERS);
        List<String> domains = in.get(StackKeys.AUTHORIZED_DOMAINS);
        if (domains.isEmpty()) {
            domains = defaultAuthorizedDomains(projectId, credentials.allowedOrigins());
        }
        StackConfig.Firebase f = new StackConfig.Firebase(projectId, in.get(StackKeys.FIRESTORE_LOCATION),
                database == null ? StackConfig.Firebase.DEFAULT_DATABASE : database,
                in.get(StackKeys.FIRESTORE_DELETE_PROTECTION), in.get(StackKeys.FIRESTORE_POINT_IN_TIME_RECOVERY),
                billing, providers.isEmpty() ? List.of("email") : List.copyOf(providers), domains, billing);
        if (!billing) {
            for (String option : f.billingOptions()) {
                problems.add(option + " — billing-only: set " + StackKeys.GCP_BILLING + ": true once the project is"
                        + " on the Blaze plan, or turn the option off");
            }
        }
        return Optional.of(f);
    }

    /**
     * The sign-in domains when {@code authorizedDomains} is not set: {@code localhost}, the project's two Firebase
     * Hosting domains, and the host of every allowed origin, each once, in that order.
     */
    static List<String> defaultAuthorizedDomains(String projectId, List<String> allowedOrigins) {
        Set<String> d = new LinkedHashSet<>();
        d.add("localhost");
        if (projectId != null) {
            d.add(projectId + ".firebaseapp.com");
            d.add(projectId + ".web.app");
        }
        for (String o : allowedOrigins) {
            d.add(URI.create(o).getHost());
        }
        return List.copyOf(d);
    }
}
