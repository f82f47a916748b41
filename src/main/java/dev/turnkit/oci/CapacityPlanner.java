package dev.turnkit.oci;

import com.oracle.bmc.core.model.CapacityReportInstanceShapeConfig;
import com.oracle.bmc.core.model.CapacityReportShapeAvailability;
import com.oracle.bmc.core.model.ComputeCapacityReport;
import com.oracle.bmc.core.model.CreateCapacityReportShapeAvailabilityDetails;
import com.oracle.bmc.core.model.CreateComputeCapacityReportDetails;
import com.oracle.bmc.core.requests.CreateComputeCapacityReportRequest;
import com.oracle.bmc.identity.model.AvailabilityDomain;
import com.oracle.bmc.identity.requests.ListAvailabilityDomainsRequest;
import dev.turnkit.model.StackConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code turnkit oci capacity}: a compute capacity report (Core Services {@code CreateComputeCapacityReport}) for
 * the stack's shape and size in every availability domain of the tenancy, and the order it suggests for
 * {@code turnkit:availabilityDomains}. A capacity report creates no instance; one request per AD, each throttled
 * call retried with {@link Backoff}.
 */
public final class CapacityPlanner {
    /** The status the service reports when the shape can be launched now. */
    public static final String AVAILABLE = "AVAILABLE";

    private CapacityPlanner() {
    }

    /**
     * One AD's answer.
     *
     * @param availabilityDomain the AD name
     * @param status             {@code AVAILABLE}, {@code OUT_OF_HOST_CAPACITY}, {@code HARDWARE_NOT_SUPPORTED}
     * @param availableCount     instances of this size that fit now (0 when unknown)
     */
    public record AdCapacity(String availabilityDomain, String status, long availableCount) {
        public boolean available() {
            return AVAILABLE.equals(status) && availableCount > 0;
        }
    }

    /**
     * The report.
     *
     * @param shape          OCI shape name
     * @param ocpus          OCPUs asked (flexible shapes), 0 otherwise
     * @param memoryGb       memory asked (flexible shapes), 0 otherwise
     * @param ads            per AD, in the tenancy's order
     * @param suggestedOrder ADs with capacity first (most first), then the others in the stack's order
     */
    public record Report(String shape, int ocpus, int memoryGb, List<AdCapacity> ads, List<String> suggestedOrder) {
        public Report {
            ads = List.copyOf(ads);
            suggestedOrder = List.copyOf(suggestedOrder);
        }

        public boolean anyAvailable() {
            return ads.stream().anyMatch(AdCapacity::available);
        }
    }

    /** Asks every AD of the tenancy for the stack's shape and size. */
    public static Report run(OciSession session, StackConfig config) {
        StackConfig.Instance vm = config.instance();
        boolean flex = vm.shape().flexible();
        List<String> ads = session.backoff().call("Identity ListAvailabilityDomains", () -> session.identity()
                .listAvailabilityDomains(ListAvailabilityDomainsRequest.builder()
                        .compartmentId(session.profile().tenancy()).build())
                .getItems()).stream().map(AvailabilityDomain::getName).toList();
        List<AdCapacity> out = new ArrayList<>();
        for (String ad : ads) {
            CreateCapacityReportShapeAvailabilityDetails.Builder shape = CreateCapacityReportShapeAvailabilityDetails
                    .builder().instanceShape(vm.shape().ociName());
            if (flex) {
                shape.instanceShapeConfig(CapacityReportInstanceShapeConfig.builder().ocpus((float) vm.ocpus())
                        .memoryInGBs((float) vm.memoryGb()).build());
            }
            CreateComputeCapacityReportDetails details = CreateComputeCapacityReportDetails.builder()
                    .compartmentId(session.profile().tenancy()).availabilityDomain(ad) // documented: always the root
                    .shapeAvailabilities(List.of(shape.build())).build();
            ComputeCapacityReport report = session.backoff().call("Compute CreateComputeCapacityReport " + ad,
                    () -> session.compute().createComputeCapacityReport(CreateComputeCapacityReportRequest.builder()
                            .createComputeCapacityReportDetails(details).build()).getComputeCapacityReport());
            out.add(summarise(ad, report.getShapeAvailabilities()));
        }
        return new Report(vm.shape().ociName(), flex ? vm.ocpus() : 0, flex ? vm.memoryGb() : 0, out,
                suggest(out, config.oci().availabilityDomains()));
    }

    private static AdCapacity summarise(String ad, List<CapacityReportShapeAvailability> shapes) {
        if (shapes == null || shapes.isEmpty()) {
            return new AdCapacity(ad, "NO_ANSWER", 0);
        }
        CapacityReportShapeAvailability s = shapes.get(0);
        String status = s.getAvailabilityStatus() == null ? "UNKNOWN" : s.getAvailabilityStatus().getValue();
        return new AdCapacity(ad, status == null ? "UNKNOWN" : status,
                s.getAvailableCount() == null ? 0 : s.getAvailableCount());
    }

    /** ADs with capacity (most first), then the rest; ties keep the stack's order, then the tenancy's. */
    static List<String> suggest(List<AdCapacity> ads, List<String> configured) {
        Comparator<AdCapacity> order = Comparator.comparing((AdCapacity a) -> !a.available())
                .thenComparing(a -> -a.availableCount())
                .thenComparing(a -> configured.contains(a.availabilityDomain())
                        ? configured.indexOf(a.availabilityDomain()) : configured.size());
        return ads.stream().sorted(order).map(AdCapacity::availabilityDomain).toList();
    }
}
