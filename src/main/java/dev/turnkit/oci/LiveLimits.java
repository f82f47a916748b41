package dev.turnkit.oci;

import com.oracle.bmc.limits.model.ResourceAvailability;
import com.oracle.bmc.limits.requests.GetResourceAvailabilityRequest;
import dev.turnkit.model.Shape;
import dev.turnkit.model.StackConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The tenancy's live service limits and usage (Limits API {@code GetResourceAvailability}) for what one stack
 * needs, and whether the stack fits in what is still available. The limit names are those the Console lists under
 * Governance → Limits, Quotas and Usage.
 */
public final class LiveLimits {
    private LiveLimits() {
    }

    /**
     * One limit the stack draws on.
     *
     * @param label     what it counts, e.g. {@code A1 OCPUs}
     * @param service   Limits service name, e.g. {@code compute}
     * @param limitName limit name, e.g. {@code standard-a1-core-regional-count}
     * @param adScoped  true when the limit is per availability domain (the request names one)
     * @param needed    how much the stack needs
     * @param key       the stack key that sets {@code needed}
     */
    public record Need(String label, String service, String limitName, boolean adScoped, long needed, String key) {
    }

    /**
     * The live figures for one {@link Need}.
     *
     * @param need      the need
     * @param used      in use in the tenancy, -1 when the service has no figure (HTTP 404)
     * @param available still available, -1 when unknown
     */
    public record Usage(Need need, long used, long available) {
        public boolean known() {
            return available >= 0;
        }

        /** The limit itself: used + available. */
        public long limit() {
            return known() ? used + available : -1;
        }

        public boolean fits() {
            return !known() || need.needed <= available;
        }

        /** One line, e.g. {@code A1 OCPUs: needs 4, 2 available (0 of 2 used) — short by 2 (turnkit:ocpus)}. */
        public String describe() {
            if (!known()) {
                return need.label + ": needs " + need.needed + ", no live figure (" + need.service + "/"
                        + need.limitName + " has none here)";
            }
            String line = need.label + ": needs " + need.needed + ", " + available + " available (" + used + " of "
                    + limit() + " used)";
            return fits() ? line : line + " — short by " + (need.needed - available) + ": lower " + need.key
                    + ", free some in the tenancy, or pick another shape";
        }
    }

    /**
     * The live limits for a stack.
     *
     * @param availabilityDomain the AD asked for AD-scoped limits
     * @param usages             one per need, in a fixed order
     */
    public record Report(String availabilityDomain, List<Usage> usages) {
        public Report {
            usages = List.copyOf(usages);
        }

        public boolean fits() {
            return usages.stream().allMatch(Usage::fits);
        }

        public List<Usage> violations() {
            return usages.stream().filter(u -> !u.fits()).toList();
        }

        /** The usage for a limit name, or null. */
        public Usage usage(String limitName) {
            return usages.stream().filter(u -> u.need.limitName.equals(limitName)).findFirst().orElse(null);
        }
    }

    /** What the stack needs from each limit, in report order. */
    public static List<Need> needs(StackConfig config) {
        StackConfig.Instance vm = config.instance();
        boolean a1 = vm.shape() == Shape.A1_FLEX;
        boolean micro = vm.shape() == Shape.E2_1_MICRO;
        return List.of(
                new Need("A1 OCPUs", "compute", "standard-a1-core-regional-count", false, a1 ? vm.ocpus() : 0,
                        "turnkit:ocpus"),
                new Need("A1 memory (GB)", "compute", "standard-a1-memory-regional-count", false,
                        a1 ? vm.memoryGb() : 0, "turnkit:memoryGb"),
                new Need("E2.1.Micro instances", "compute", "vm-standard-e2-1-micro-count", true, micro ? 1 : 0,
                        "turnkit:shape"),
                new Need("Boot + block storage (GB)", "block-storage", "total-free-storage-gb-regional", false,
                        vm.bootVolumeGb(), "turnkit:bootVolumeGb"),
                new Need("Reserved public IPs", "vcn", "reserved-public-ip-count", false, 1, "(one per stack)"));
    }

    /** Reads the live figure of every need for the stack, in the profile's tenancy. */
    public static Report read(OciSession session, StackConfig config) {
        String ad = config.oci().availabilityDomains().get(0);
        List<Usage> usages = new ArrayList<>();
        for (Need need : needs(config)) {
            GetResourceAvailabilityRequest.Builder request = GetResourceAvailabilityRequest.builder()
                    .serviceName(need.service).limitName(need.limitName)
                    .compartmentId(session.profile().tenancy());
            if (need.adScoped) {
                request.availabilityDomain(ad);
            }
            try {
                ResourceAvailability r = session.backoff().call("Limits GetResourceAvailability " + need.limitName,
                        () -> session.limits().getResourceAvailability(request.build()).getResourceAvailability());
                usages.add(new Usage(need, whole(r.getUsed(), r.getFractionalUsage()),
                        whole(r.getAvailable(), r.getFractionalAvailability())));
            } catch (OciRequestException e) {
                if (e.status() != 404) {
                    throw e;
                }
                usages.add(new Usage(need, -1, -1)); // documented: not every limit supports this API
            }
        }
        return new Report(ad, usages);
    }

    private static long whole(Long count, BigDecimal fractional) {
        if (count != null) {
            return count;
        }
        return fractional == null ? 0 : fractional.longValue();
    }
}
