package dev.turnkit.load;

import dev.turnkit.check.CredentialSource;
import dev.turnkit.check.TurnCredential;
import dev.turnkit.transport.Allocation;
import dev.turnkit.transport.Deadline;
import dev.turnkit.transport.RetransmissionPolicy;
import dev.turnkit.transport.StunClient;
import dev.turnkit.transport.StunErrorException;
import dev.turnkit.transport.TransportException;
import dev.turnkit.transport.TurnClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs {@link LoadOptions#calls()} calls through a TURN server over UDP. Each call is a caller A and a callee B, two
 * allocations with the same REST credentials that bind a channel to each other's relayed address (ChannelBind, which
 * also installs the permission, as a browser does). A sends {@code rate} packets of {@code payload} bytes a second
 * to B through the relay; B echoes each one back, so media flows both ways and A measures the round trip.
 *
 * <p>Calls are set up over the ramp-up by a pool of four threads; one I/O thread sends for every caller on a fixed
 * tick and reads every socket through one selector, without allocating per packet. At the end each allocation is
 * released with Refresh(lifetime 0).
 */
public final class LoadGenerator {
    private static final int CH_A = 0x4000;
    private static final int CH_B = 0x4001;
    private static final int SETUP_THREADS = 4;
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DRAIN = Duration.ofSeconds(1);

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

    private static final class Call {
        final int id;
        NioUdpConnection ca;
        NioUdpConnection cb;
        TurnClient a;
        TurnClient b;
        int seq;
        long lastTransit = Long.MIN_VALUE;
        double jitterNanos;

        Call(int id) {
            this.id = id;
        }
    }

    /** Runs the load and returns the figures. */
    public LoadReport run() throws InterruptedException, UnknownHostException {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getByName(options.host()), options.port());
        ConcurrentLinkedQueue<Call> ready = new ConcurrentLinkedQueue<>();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        AtomicInteger failedAllocations = new AtomicInteger();
        AtomicInteger setUp = new AtomicInteger();
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
                    if (setUp(call, server, failures, failedAllocations)) {
                        setUp.incrementAndGet();
                        ready.add(call);
                    }
                } finally {
                    done.incrementAndGet();
                }
            }, rampNanos * i / options.calls(), TimeUnit.NANOSECONDS);
        }
        Media media = new Media(ready, done);
        try {
            media.loop(setUp, failedAllocations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            control.shutdown();
            control.awaitTermination(CONTROL_TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
            release(all);
        }
        long[] rtts = Arrays.copyOf(media.rttNanos, media.rttCount);
        Arrays.sort(rtts);
        double jitter = media.active.stream().mapToDouble(c -> c.jitterNanos).average().orElse(0) / 1e6;
        return new LoadReport(options.calls(), setUp.get(), failedAllocations.get(), new TreeMap<>(failures),
                media.sent, media.receivedByPeer, media.echoed, media.receivedBack,
                (media.receivedByPeer + media.receivedBack) * options.payload(), percentile(rtts, 50),
                percentile(rtts, 95), percentile(rtts, 99), jitter, media.seconds);
    }

    private boolean setUp(Call call, InetSocketAddress server, Map<String, Integer> failures,
            AtomicInteger failedAllocations) {
        Allocation ra = null;
        try {
            TurnCredential credential = credentials.obtain();
            Deadline deadline = Deadline.after(CONTROL_TIMEOUT);
            call.ca = new NioUdpConnection(server);
            call.a = new TurnClient(new StunClient(call.ca, RetransmissionPolicy.RFC_DEFAULT));
            ra = call.a.allocate(credential.username(), credential.password(), deadline);
            call.cb = new NioUdpConnection(server);
            call.b = new TurnClient(new StunClient(call.cb, RetransmissionPolicy.RFC_DEFAULT));
            Allocation rb = call.b.allocate(credential.username(), credential.password(), deadline);
            call.a.channelBind(CH_A, rb.relayed(), deadline);
            call.b.channelBind(CH_B, ra.relayed(), deadline);
            return true;
        } catch (TransportException | CredentialSource.CredentialException e) {
            String reason = e instanceof StunErrorException s ? s.method() + " " + s.code() + " " + s.reason()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            failures.merge(reason, 1, Integer::sum);
            boolean allocationFailed = call.a == null || call.a.allocation().isEmpty()
                    || call.b == null || call.b.allocation().isEmpty();
            if (allocationFailed) {
                failedAllocations.incrementAndGet();
            }
            release(List.of(call)); // a half-made call gives its allocation back at once, as a client would
            return false;
        }
    }

    /** The I/O thread's state: only it touches these fields while media flows. */
    private final class Media {
        final ConcurrentLinkedQueue<Call> ready;
        final AtomicInteger done;
        final List<Call> active = new ArrayList<>();
        final ByteBuffer in = ByteBuffer.allocate(2048);
        final ByteBuffer out = ByteBuffer.allocate(4 + 1200);
        long[] rttNanos = new long[1 << 16];
        int rttCount;
        long sent;
        long receivedByPeer;
        long echoed;
        long receivedBack;
        double seconds;

        Media(ConcurrentLinkedQueue<Call> ready, AtomicInteger done) {
            this.ready = ready;
            this.done = done;
        }

        void loop(AtomicInteger setUp, AtomicInteger failed) throws IOException {
            long tick = 1_000_000_000L / options.rate();
            long start = System.nanoTime();
            long mediaEnd = start + options.duration().toNanos();
            long stop = mediaEnd + DRAIN.toNanos();
            long nextTick = start;
            long nextProgress = start + 1_000_000_000L;
            try (Selector selector = Selector.open()) {
                while (true) {
                    long now = System.nanoTime();
                    for (Call c; (c = ready.poll()) != null; ) {
                        c.ca.channel().register(selector, SelectionKey.OP_READ, c);
                        c.cb.channel().register(selector, SelectionKey.OP_READ, c);
                        active.add(c);
                    }
                    if (now >= nextTick && now < mediaEnd) {
                        for (Call c : active) {
                            send(c, now);
                        }
                        nextTick += tick;
                        if (nextTick < now) {
                            nextTick = now + tick; // fell behind (machine busy): do not burst
                        }
                    }
                    if (now >= stop && done.get() == options.calls()) {
                        break;
                    }
                    if (now >= nextProgress) {
                        progress.accept(String.format(Locale.ROOT, "load: %.0f s, %d/%d calls up, %d allocations "
                                + "failed, sent %d, echoed back %d", (now - start) / 1e9, setUp.get(),
                                options.calls(), failed.get(), sent, receivedBack));
                        nextProgress += 1_000_000_000L;
                    }
                    long wait = (now < mediaEnd ? nextTick : stop) - now;
                    if (wait > 1_000_000) {
                        selector.select(Math.max(1, wait / 1_000_000));
                    } else {
                        selector.selectNow();
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        Call c = (Call) key.attachment();
                        drain(c, key.channel() == c.ca.channel());
                    }
                    selector.selectedKeys().clear();
                }
                seconds = (Math.min(System.nanoTime(), mediaEnd) - start) / 1e9;
            }
        }

        private void send(Call c, long now) {
            out.clear();
            out.putShort((short) CH_A).putShort((short) options.payload())
                    .putInt(c.seq++).putLong(now).putInt(c.id);
            out.position(4 + options.payload()).flip();
            if (c.ca.write(out)) {
                sent++;
            }
        }

        private void drain(Call c, boolean caller) {
            NioUdpConnection conn = caller ? c.ca : c.cb;
            while (true) {
                int n = conn.poll(in);
                if (n <= 0) {
                    return;
                }
                int first = in.get(0) & 0xFF;
                if (first < 0x40 || first > 0x4F || n < 4 + 16) {
                    continue; // a late STUN response, not media
                }
                long sentAt = in.getLong(8);
                long now = System.nanoTime();
                if (caller) {
                    receivedBack++;
                    if (rttCount == rttNanos.length) {
                        rttNanos = Arrays.copyOf(rttNanos, rttCount * 2);
                    }
                    rttNanos[rttCount++] = now - sentAt;
                } else {
                    receivedByPeer++;
                    long transit = now - sentAt;
                    if (c.lastTransit != Long.MIN_VALUE) {
                        c.jitterNanos += (Math.abs(transit - c.lastTransit) - c.jitterNanos) / 16; // RFC 3550 §6.4.1
                    }
                    c.lastTransit = transit;
                    in.flip();
                    if (c.cb.write(in)) {
                        echoed++;
                    }
                }
            }
        }
    }

    private static void release(List<Call> calls) {
        for (Call c : calls) {
            TurnClient[] clients = {c.a, c.b};
            c.a = null;
            c.b = null;
            for (TurnClient t : clients) {
                if (t == null) {
                    continue;
                }
                if (t.allocation().isPresent()) {
                    try {
                        t.refresh(0, Deadline.after(Duration.ofMillis(500)));
                    } catch (TransportException e) {
                        // expires on its own
                    }
                }
                t.close();
            }
        }
    }

    /** Nearest-rank percentile of sorted nanoseconds, in milliseconds; 0 for none. */
    static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
