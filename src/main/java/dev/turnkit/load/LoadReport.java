package dev.turnkit.load;

import dev.turnkit.transport.TransportType;
import java.util.Map;

/**
 * The outcome of a load run over one transport.
 *
 * @param transport the client leg to the server
 * @param calls calls requested
 * @param callsUp calls whose two allocations and channels were set up
 * @param allocationsFailed allocations refused or unanswered
 * @param failures failure reasons and their counts (e.g. {@code 486 Allocation Quota Reached})
 * @param sent packets the callers sent
 * @param receivedByPeer packets the callees received (and echoed)
 * @param echoed packets the callees sent back
 * @param receivedBack echoes back at the callers
 * @param bytesRelayed payload bytes the server delivered, both directions
 * @param rttP50Ms round trip caller → relay → callee → relay → caller, median
 * @param rttP95Ms 95th percentile
 * @param rttP99Ms 99th percentile
 * @param jitterMs RFC 3550 interarrival jitter of the caller → callee direction, mean over calls
 * @param seconds media time
 */
public record LoadReport(TransportType transport, int calls, int callsUp, int allocationsFailed,
        Map<String, Integer> failures, long sent, long receivedByPeer, long echoed, long receivedBack,
        long bytesRelayed, double rttP50Ms, double rttP95Ms, double rttP99Ms, double jitterMs, double seconds) {

    /** Lost / sent over the round trip, 0..1 (0 when nothing was sent). */
    public double loss() {
        return sent == 0 ? 0 : (double) (sent - receivedBack) / sent;
    }
}
