package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.TypeShape;
import com.pulumi.deployment.Deployment;
import com.pulumi.deployment.InvokeOutputOptions;
import javax.annotation.Nullable;

/** The OCI provider functions (data sources) the stack reads, with the provider version pinned. */
public final class OciFunctions {
    public static final String GET_AVAILABILITY_DOMAINS =
            "oci:Identity/getAvailabilityDomains:getAvailabilityDomains";
    public static final String GET_IMAGES = "oci:Core/getImages:getImages";
    public static final String GET_NAMESPACE = "oci:ObjectStorage/getNamespace:getNamespace";

    private OciFunctions() {
    }

    /** The tenancy's availability domains, e.g. {@code Uocm:PHX-AD-1}. */
    public static Output<GetAvailabilityDomainsResult> getAvailabilityDomains(GetAvailabilityDomainsArgs args,
            @Nullable InvokeOutputOptions options) {
        return Deployment.getInstance().invoke(GET_AVAILABILITY_DOMAINS,
                TypeShape.of(GetAvailabilityDomainsResult.class), args, Oci.withVersion(options));
    }

    /** Platform images, filtered by operating system, version and the shape they can boot on. */
    public static Output<GetImagesResult> getImages(GetImagesArgs args, @Nullable InvokeOutputOptions options) {
        return Deployment.getInstance().invoke(GET_IMAGES, TypeShape.of(GetImagesResult.class), args,
                Oci.withVersion(options));
    }

    /** The tenancy's Object Storage namespace, which every bucket and object name lives in. */
    public static Output<GetNamespaceResult> getNamespace(GetNamespaceArgs args,
            @Nullable InvokeOutputOptions options) {
        return Deployment.getInstance().invoke(GET_NAMESPACE, TypeShape.of(GetNamespaceResult.class), args,
                Oci.withVersion(options));
    }
}
