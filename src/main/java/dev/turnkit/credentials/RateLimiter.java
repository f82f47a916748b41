package dev.turnkit.credentials;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per key (a uid or a client IP): {@code perMinute} tokens refilled evenly over a minute, holding at
 * most {@code perMinute}. A refused request learns how long until the next token ({@code Retry-After}).
 * Memory is bounded: full (idle) buckets are dropped when the map grows past {@code maxKeys}.
 */
final class RateLimiter {
    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private final double capacity;
    private final double tokensPerNano;
    private final int maxKeys;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(int perMinute, int maxKeys, LongSupplier nanoClock) {
        this.capacity = perMinute;
        this.tokensPerNano = perMinute / (double) NANOS_PER_MINUTE;
        this.maxKeys = maxKeys;
        this.nanoClock = nanoClock;
    }

    /** Takes a token for {@code key}: 0 when allowed, otherwise the seconds to wait (at least 1). */
    long acquire(String key) {
        long now = nanoClock.getAsLong();
        if (buckets.size() >= maxKeys) {
            buckets.values().removeIf(b -> b.fullAt(now));
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        return bucket.take(now);
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double waitNanos = (1 - tokens) / tokensPerNano;
            return Math.max(1, (long) Math.ceil(waitNanos / 1e9));
        }

        synchronized boolean fullAt(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - updated) * tokensPerNano);
            updated = now;
        }
    }
}
