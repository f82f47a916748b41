package dev.turnkit.model;

/** An inclusive port range, e.g. coturn's relay range {@code min-port..max-port}. */
public record PortRange(int min, int max) {
    public boolean contains(int port) {
        return port >= min && port <= max;
    }

    public int size() {
        return max - min + 1;
    }

    /** {@code 49152-50151} (firewalld and sysctl form), or {@code 3478} for a single port. */
    @Override
    public String toString() {
        return min == max ? String.valueOf(min) : min + "-" + max;
    }
}
