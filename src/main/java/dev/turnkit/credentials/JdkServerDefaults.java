package dev.turnkit.credentials;

/**
 * Settings of the JDK's built-in HTTP server ({@code com.sun.net.httpserver}), which reads them once from system
 * properties when it first loads: no Nagle stall on keep-alive responses (without {@code nodelay} every response
 * waits ~40 ms for a delayed ACK), and bounds on header count, request and response time and idle connections.
 * Call {@link #apply()} before creating a server; values the user set with {@code -D} are kept.
 */
public final class JdkServerDefaults {
    private JdkServerDefaults() {
    }

    public static void apply() {
        setDefault("sun.net.httpserver.nodelay", "true");
        setDefault("sun.net.httpserver.maxReqHeaders", "64");
        setDefault("sun.net.httpserver.maxReqTime", "10");
        setDefault("sun.net.httpserver.maxRspTime", "10");
        setDefault("sun.net.httpserver.idleInterval", "30");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
