package dev.turnkit.rules;

import java.util.List;
import java.util.Map;

/**
 * One rules scenario: documents seeded as owner (bypassing rules), then requests by users, each expected to be
 * allowed or denied. A scenario passes when every step gets what it expects.
 *
 * @param given document path → fields, written in order before the steps
 */
public record Scenario(String name, Map<String, Map<String, Object>> given, List<Step> steps) {

    /** Whether the rules must let a request through. */
    public enum Expect { ALLOW, DENY }

    /**
     * A request by {@code user} ({@code null} = signed out).
     */
    public record Step(String user, Expect expect, FirestoreRest.Request request) {
        public String describe() {
            return (user == null ? "signed-out user" : user) + " " + request.description();
        }
    }

    public Scenario {
        given = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(given));
        steps = List.copyOf(steps);
    }

    /** Whether the scenario's last step is an attack (a step expected to be denied). */
    public boolean isAttack() {
        return steps.get(steps.size() - 1).expect() == Expect.DENY;
    }
}
