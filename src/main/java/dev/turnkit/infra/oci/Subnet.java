package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import javax.annotation.Nullable;

/**
 * A regional subnet.
 * <p>Pulumi type {@code oci:Core/subnet:Subnet} (pulumi-oci 4.20.0).
 */
@ResourceType(type = Subnet.TYPE)
public class Subnet extends CustomResource {
    public static final String TYPE = "oci:Core/subnet:Subnet";

    @Export(name = "cidrBlock", refs = {String.class}, tree = "[0]")
    private Output<String> cidrBlock;

    @Export(name = "displayName", refs = {String.class}, tree = "[0]")
    private Output<String> displayName;

    @Export(name = "dnsLabel", refs = {String.class}, tree = "[0]")
    private Output<String> dnsLabel;

    public Output<String> cidrBlock() {
        return cidrBlock;
    }

    public Output<String> displayName() {
        return displayName;
    }

    public Output<String> dnsLabel() {
        return dnsLabel;
    }

    public Subnet(String name, SubnetArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Oci.withVersion(options), false);
    }
}
