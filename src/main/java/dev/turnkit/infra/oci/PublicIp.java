package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import javax.annotation.Nullable;

/**
 * A public IP address.
 * <p>Pulumi type {@code oci:Core/publicIp:PublicIp} (pulumi-oci 4.20.0).
 */
@ResourceType(type = PublicIp.TYPE)
public class PublicIp extends CustomResource {
    public static final String TYPE = "oci:Core/publicIp:PublicIp";

    @Export(name = "ipAddress", refs = {String.class}, tree = "[0]")
    private Output<String> ipAddress;

    @Export(name = "privateIpId", refs = {String.class}, tree = "[0]")
    private Output<String> privateIpId;

    @Export(name = "lifetime", refs = {String.class}, tree = "[0]")
    private Output<String> lifetime;

    @Export(name = "displayName", refs = {String.class}, tree = "[0]")
    private Output<String> displayName;

    public Output<String> ipAddress() {
        return ipAddress;
    }

    public Output<String> privateIpId() {
        return privateIpId;
    }

    public Output<String> lifetime() {
        return lifetime;
    }

    public Output<String> displayName() {
        return displayName;
    }

    public PublicIp(String name, PublicIpArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Oci.withVersion(options), false);
    }
}
