package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import javax.annotation.Nullable;

/**
 * A route table of the VCN.
 * <p>Pulumi type {@code oci:Core/routeTable:RouteTable} (pulumi-oci 4.20.0).
 */
@ResourceType(type = RouteTable.TYPE)
public class RouteTable extends CustomResource {
    public static final String TYPE = "oci:Core/routeTable:RouteTable";

    @Export(name = "displayName", refs = {String.class}, tree = "[0]")
    private Output<String> displayName;

    public Output<String> displayName() {
        return displayName;
    }

    public RouteTable(String name, RouteTableArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Oci.withVersion(options), false);
    }
}
