package dev.turnkit.oci;

import com.oracle.bmc.identity.model.RegionSubscription;
import com.oracle.bmc.identity.model.Tenancy;
import com.oracle.bmc.identity.model.User;
import com.oracle.bmc.identity.requests.GetTenancyRequest;
import com.oracle.bmc.identity.requests.GetUserRequest;
import com.oracle.bmc.identity.requests.ListRegionSubscriptionsRequest;
import dev.turnkit.model.StackConfig;
import java.util.List;

/**
 * {@code turnkit oci doctor}: who the key authenticates as, whether the profile's region is the tenancy's home
 * region (Always Free compute exists only there), and the stack's needs against the live limits.
 */
public final class Doctor {
    private Doctor() {
    }

    /**
     * The authenticated identity.
     *
     * @param userName   the user's name
     * @param tenancyName the tenancy's name
     * @param region     the profile's region
     * @param homeRegion the tenancy's home region identifier, e.g. {@code eu-frankfurt-1}
     */
    public record Identity(String userName, String tenancyName, String region, String homeRegion) {
        public boolean inHomeRegion() {
            return region.equals(homeRegion);
        }
    }

    /**
     * The doctor's findings.
     *
     * @param identity the identity
     * @param limits   the live limits for the stack, null without a stack
     */
    public record Report(Identity identity, LiveLimits.Report limits) {
        /** The problems, each with its fix; empty when all is well. */
        public List<String> problems() {
            java.util.ArrayList<String> out = new java.util.ArrayList<>();
            if (!identity.inHomeRegion()) {
                out.add("region " + identity.region + " is not the tenancy's home region " + identity.homeRegion
                        + ": Always Free compute exists only there — set region=" + identity.homeRegion
                        + " in the OCI config and oci:region in the stack");
            }
            if (limits != null) {
                limits.violations().forEach(u -> out.add(u.describe()));
            }
            return out;
        }

        /** {@code fits} or {@code does not fit}; {@code no stack} without one. */
        public String verdict() {
            if (limits == null) {
                return "no stack";
            }
            return limits.fits() && identity.inHomeRegion() ? "fits" : "does not fit";
        }
    }

    /** Reads the identity (and the live limits for {@code config}, when not null). */
    public static Report run(OciSession session, StackConfig config) {
        OciProfile p = session.profile();
        Backoff b = session.backoff();
        User user = b.call("Identity GetUser", () -> session.identity()
                .getUser(GetUserRequest.builder().userId(p.user()).build()).getUser());
        Tenancy tenancy = b.call("Identity GetTenancy", () -> session.identity()
                .getTenancy(GetTenancyRequest.builder().tenancyId(p.tenancy()).build()).getTenancy());
        List<RegionSubscription> regions = b.call("Identity ListRegionSubscriptions", () -> session.identity()
                .listRegionSubscriptions(ListRegionSubscriptionsRequest.builder().tenancyId(p.tenancy()).build())
                .getItems());
        String home = regions.stream().filter(r -> Boolean.TRUE.equals(r.getIsHomeRegion()))
                .map(RegionSubscription::getRegionName).findFirst().orElse("(unknown)");
        Identity identity = new Identity(user.getName(), tenancy.getName(), p.region(), home);
        return new Report(identity, config == null ? null : LiveLimits.read(session, config));
    }
}
