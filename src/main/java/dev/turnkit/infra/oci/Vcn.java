package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;
import javax.annotation.Nullable;

/**
 * A virtual cloud network.
 * <p>Pulumi type {@code oci:Core/vcn:Vcn} (pulumi-oci 4.20.0).
 */
@ResourceType(type = Vcn.TYPE)
public class Vcn extends CustomResource {
    public static final String TYPE = "oci:Core/vcn:Vcn";

    @Export(name = "cidrBlocks", refs = {List.class, String.class}, tree = "[0,1]")
    private Output<List<String>> cidrBlocks;

    @Export(name = "displayName", refs = {String.class}, tree = "[0]")
    private Output<String> displayName;

    @Export(name = "dnsLabel", refs = {String.class}, tree = "[0]")
    private Output<String> dnsLabel;

    public Output<List<String>> cidrBlocks() {
        return cidrBlocks;
    }

    public Output<String> displayName() {
        return displayName;
    }

    public Output<String> dnsLabel() {
        return dnsLabel;
    }

    public Vcn(String name, VcnArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Oci.withVersion(options), false);
    }
}
