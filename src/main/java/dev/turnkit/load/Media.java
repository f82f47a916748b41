package dev.turnkit.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * The media phase, common to every transport: calls join as their set-up finishes, every caller sends one packet per
 * tick ({@code 1 s / rate}) until the media time is over, then the echoes still in flight get {@link #DRAIN_NANOS}.
 * How packets are sent and received is the subclass's ({@link SelectorMedia}).
 *
 * <p>A packet is ChannelData (RFC 8656 §12.4): channel number, length, then the payload, which starts with the
 * sequence number, the {@link System#nanoTime()} at sending and the call id; on a stream it is padded to a multiple
 * of 4 (§12.5).
 */
abstract class Media implements AutoCloseable {
    /** The caller's channel to the callee's relayed address. */
    static final int CHANNEL_TO_CALLEE = 0x4000;
    /** The callee's channel to the caller's relayed address. */
    static final int CHANNEL_TO_CALLER = 0x4001;
    /** Offset of the send time in a packet (after the 4-byte ChannelData header and the sequence number). */
    static final int SENT_AT = 8;
    /** Shortest packet that carries the stamps: header, sequence number, send time, call id. */
    static final int MIN_FRAME = 4 + 16;
    static final long DRAIN_NANOS = 1_000_000_000L;

    final LoadOptions options;
    final List<Call> active = new ArrayList<>();
    double seconds;

    Media(LoadOptions options) {
        this.options = options;
    }

    /** True if {@code first} starts ChannelData rather than a (late) STUN message (RFC 8656 §12). */
    static boolean isChannelData(int first) {
        return (first & 0xC0) == 0x40;
    }

    /**
     * Runs until the media time (counted from the first call up) plus the drain is over and every set-up has
     * finished; at once if no call comes up at all.
     *
     * @param ready calls whose set-up succeeded, added by the set-up threads
     * @param setUpFinished true once no set-up is pending any more
     * @param everySecond called about once a second with the nanoseconds since the start (for the progress line)
     */
    final void run(Queue<Call> ready, BooleanSupplier setUpFinished, LongConsumer everySecond) throws IOException {
        long tick = 1_000_000_000L / options.rate();
        long origin = System.nanoTime();
        long nextProgress = origin + 1_000_000_000L;
        long start = 0;
        long mediaEnd = 0;
        long stop = 0;
        long nextTick = 0;
        while (true) {
            long now = System.nanoTime();
            for (Call c; (c = ready.poll()) != null; ) {
                add(c);
                active.add(c);
            }
            if (now - nextProgress >= 0) {
                everySecond.accept(now - origin);
                nextProgress += 1_000_000_000L;
            }
            if (start == 0) {
                if (!active.isEmpty()) {
                    start = now;
                    mediaEnd = start + options.duration().toNanos();
                    stop = mediaEnd + DRAIN_NANOS;
                    nextTick = start;
                } else if (setUpFinished.getAsBoolean()) {
                    return;
                } else {
                    await(tick);
                    continue;
                }
            }
            if (now - nextTick >= 0 && now - mediaEnd < 0) {
                for (Call c : active) {
                    send(c);
                }
                nextTick += tick;
                if (nextTick - now < 0) {
                    nextTick = now + tick; // fell behind (machine busy): do not burst
                }
            }
            if (now - stop >= 0 && setUpFinished.getAsBoolean()) {
                break;
            }
            await((now - mediaEnd < 0 ? nextTick : stop) - now);
        }
        seconds = (Math.min(System.nanoTime(), mediaEnd) - start) / 1e9;
    }

    /** Starts receiving for a call that is now set up. */
    abstract void add(Call call) throws IOException;

    /** Sends the caller's next packet, stamped now; counts it in {@link Call#sent} if it left. */
    abstract void send(Call call);

    /** Receives (and echoes) for up to {@code nanos}. */
    abstract void await(long nanos) throws IOException;

    /** Stops receiving; after this the calls' connections are the control plane's again (for the Refresh 0). */
    @Override
    public abstract void close();
}
