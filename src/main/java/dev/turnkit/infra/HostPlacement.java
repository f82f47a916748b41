package dev.turnkit.infra;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import dev.turnkit.infra.oci.GetAvailabilityDomainsArgs;
import dev.turnkit.infra.oci.GetAvailabilityDomainsAvailabilityDomain;
import dev.turnkit.infra.oci.GetAvailabilityDomainsResult;
import dev.turnkit.infra.oci.GetImagesArgs;
import dev.turnkit.infra.oci.GetImagesImage;
import dev.turnkit.infra.oci.GetImagesResult;
import dev.turnkit.infra.oci.Oci;
import dev.turnkit.infra.oci.OciFunctions;
import dev.turnkit.model.ConfigException;
import dev.turnkit.model.HostOs;
import dev.turnkit.model.StackConfig;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where the VM runs and what it boots: the availability domain (the first configured one, checked against the
 * tenancy's) and the newest platform image of the configured OS for the shape's CPU architecture, both read with
 * provider functions; plus the OS facts the templates are written for.
 *
 * @param availabilityDomain the chosen availability domain
 * @param imageId            the chosen image
 */
record HostPlacement(Output<String> availabilityDomain, Output<String> imageId) {
    /** Looks both up, the invokes parented to {@code host}. */
    static HostPlacement lookUp(Resource host, StackConfig config) {
        String compartment = config.oci().compartmentId();
        Output<GetAvailabilityDomainsResult> domains = OciFunctions.getAvailabilityDomains(
                GetAvailabilityDomainsArgs.builder().compartmentId(compartment).build(), Oci.parentedTo(host));
        Output<GetImagesResult> images = OciFunctions.getImages(GetImagesArgs.builder()
                .compartmentId(compartment)
                .operatingSystem(operatingSystem(config.instance().os()))
                .operatingSystemVersion(operatingSystemVersion(config.instance().os()))
                .shape(config.instance().shape().ociName())
                .sortBy("TIMECREATED")
                .sortOrder("DESC")
                .state("AVAILABLE")
                .build(), Oci.parentedTo(host));
        return new HostPlacement(domains.applyValue(r -> chooseAvailabilityDomain(config, r)),
                images.applyValue(r -> chooseImage(config, r).id()));
    }

    /**
     * The first configured availability domain, checked against the tenancy's. Pulumi cannot retry a failed
     * create in another AD; on "Out of host capacity" the user moves the next AD to the front (docs/pulumi.md).
     */
    static String chooseAvailabilityDomain(StackConfig config, GetAvailabilityDomainsResult result) {
        List<String> known = result.availabilityDomains() == null ? List.of()
                : result.availabilityDomains().stream().map(GetAvailabilityDomainsAvailabilityDomain::name)
                        .collect(Collectors.toList());
        String wanted = config.oci().availabilityDomains().get(0);
        if (!known.contains(wanted)) {
            throw new ConfigException("turnkit:availabilityDomains: '" + wanted + "' is not an availability domain "
                    + "of this tenancy/region; it has " + known + " (oci iam availability-domain list)");
        }
        return wanted;
    }

    /** The newest image of the configured OS built for the shape's CPU architecture. */
    static GetImagesImage chooseImage(StackConfig config, GetImagesResult result) {
        boolean arm = config.instance().shape().architecture().equals("arm64");
        List<GetImagesImage> images = result.images() == null ? List.of() : result.images();
        return images.stream()
                .filter(i -> i.displayName() != null && i.displayName().contains("aarch64") == arm)
                .findFirst()
                .orElseThrow(() -> new ConfigException("turnkit:os: no " + operatingSystem(config.instance().os())
                        + " " + operatingSystemVersion(config.instance().os()) + " image for "
                        + config.instance().shape().ociName() + " (" + config.instance().shape().architecture()
                        + ") in this region"));
    }

    /** OCI's operating system name for the image lookup. */
    static String operatingSystem(HostOs os) {
        return os == HostOs.UBUNTU ? "Canonical Ubuntu" : "Oracle Linux";
    }

    /** The image version the templates are written for. */
    static String operatingSystemVersion(HostOs os) {
        return os == HostOs.UBUNTU ? "24.04" : "9";
    }

    /** The login user of the platform image. */
    static String loginUser(HostOs os) {
        return os == HostOs.UBUNTU ? "ubuntu" : "opc";
    }
}
