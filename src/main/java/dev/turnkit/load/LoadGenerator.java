package dev.turnkit.load;

import dev.turnkit.check.CredentialSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs {@link LoadOptions#calls()} calls through a TURN server over one transport. Each call is a caller A and a
 * callee B, two allocations with the same REST credentials that bind a channel to each other's relayed address
 * ({@link CallSetup}). A sends {@code rate} packets of {@code payload} bytes a second to B through the relay; B
 * echoes each one back, so media flows both ways and A measures the round trip ({@link Media}).
 *
 * <p>Calls are set up over the ramp-up by a pool of four threads. Over every transport one thread sends and receives
 * every packet through one selector ({@link SelectorMedia}; TLS through {@link javax.net.ssl.SSLEngine},
 * {@link NioTlsConnection}). At the end each allocation is released with Refresh(lifetime 0).
 */
public final class LoadGenerator {
    private static final int SETUP_THREADS = 4;
    private static final long SETUP_WAIT_SECONDS = 15;

    private final LoadOptions options;
    private final CredentialSource credentials;
    private final Consumer<String> progress;

    /**
     * @param credentials where each call's REST credential comes from (e.g. a static-auth-secret)
     * @param progress receives a progress line about once a second (stderr in the CLI)
     */
    public LoadGenerator(LoadOptions options, CredentialSource credentials, Consumer<String> progress) {
        this.options = options;
        this.credentials = credentials;
        this.progress = progress;
    }

    /** Runs the load and returns the figures. */
    public LoadReport run() throws InterruptedException, UnknownHostException {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getByName(options.host()), options.port());
        CallSetup setup = new CallSetup(options, credentials, server);
        ConcurrentLinkedQueue<Call> ready = new ConcurrentLinkedQueue<>();
        AtomicInteger up = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ScheduledExecutorService control = Executors.newScheduledThreadPool(SETUP_THREADS, r -> {
            Thread t = new Thread(r, "turnkit-load-setup");
            t.setDaemon(true);
            return t;
        });
        List<Call> all = new ArrayList<>();
        long rampNanos = options.rampUp().toNanos();
        for (int i = 0; i < options.calls(); i++) {
            Call call = new Call(i);
            all.add(call);
            control.schedule(() -> {
                try {
                    if (setup.setUp(call)) {
                        up.incrementAndGet();
                        ready.add(call);
                    }
                } finally {
                    done.incrementAndGet();
                }
            }, rampNanos * i / options.calls(), TimeUnit.NANOSECONDS);
        }
        String id = options.transport().id();
        Media media = null;
        try {
            media = new SelectorMedia(options, setup.failures);
            Media m = media;
            media.run(ready, () -> done.get() == options.calls(), elapsed -> progress.accept(String.format(
                    Locale.ROOT, "load %s: %.0f s, %d/%d calls up, %d allocations failed, sent %d, echoed back %d", id,
                    elapsed / 1e9, up.get(), options.calls(), setup.failedAllocations.get(),
                    m.active.stream().mapToLong(c -> c.sent).sum(),
                    m.active.stream().mapToLong(c -> c.receivedBack).sum())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (media != null) {
                media.close();
            }
            control.shutdown();
            control.awaitTermination(SETUP_WAIT_SECONDS, TimeUnit.SECONDS);
            CallSetup.release(all);
        }
        return report(setup, up.get(), media);
    }

    private LoadReport report(CallSetup setup, int callsUp, Media media) {
        RttHistogram rtt = new RttHistogram();
        long sent = 0;
        long receivedByPeer = 0;
        long echoed = 0;
        long receivedBack = 0;
        double jitterNanos = 0;
        for (Call c : media.active) {
            rtt.add(c.rtt);
            sent += c.sent;
            receivedByPeer += c.receivedByPeer;
            echoed += c.echoed;
            receivedBack += c.receivedBack;
            jitterNanos += c.jitterNanos();
        }
        double jitterMs = media.active.isEmpty() ? 0 : jitterNanos / media.active.size() / 1e6;
        return new LoadReport(options.transport(), options.calls(), callsUp, setup.failedAllocations.get(),
                new TreeMap<>(setup.failures), sent, receivedByPeer, echoed, receivedBack,
                (receivedByPeer + receivedBack) * options.payload(), rtt.percentileMs(50), rtt.percentileMs(95),
                rtt.percentileMs(99), jitterMs, media.seconds);
    }
}
