package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import javax.annotation.Nullable;

/**
 * A private IP. Since pulumi-oci 4.3.0 it can be created with {@code subnetId}, a fixed {@code ipAddress} and
 * {@code lifetime: RESERVED} without a VNIC; an instance then launches onto it with
 * {@code createVnicDetails.privateIpId}.
 * <p>Pulumi type {@code oci:Core/privateIp:PrivateIp} (pulumi-oci 4.20.0).
 */
@ResourceType(type = PrivateIp.TYPE)
public class PrivateIp extends CustomResource {
    public static final String TYPE = "oci:Core/privateIp:PrivateIp";

    @Export(name = "ipAddress", refs = {String.class}, tree = "[0]")
    private Output<String> ipAddress;

    @Export(name = "lifetime", refs = {String.class}, tree = "[0]")
    private Output<String> lifetime;

    @Export(name = "subnetId", refs = {String.class}, tree = "[0]")
    private Output<String> subnetId;

    @Export(name = "vnicId", refs = {String.class}, tree = "[0]")
    private Output<String> vnicId;

    public Output<String> ipAddress() {
        return ipAddress;
    }

    public Output<String> lifetime() {
        return lifetime;
    }

    public Output<String> subnetId() {
        return subnetId;
    }

    /** Empty until an instance's VNIC takes the address. */
    public Output<String> vnicId() {
        return vnicId;
    }

    public PrivateIp(String name, PrivateIpArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Oci.withVersion(options), false);
    }
}
