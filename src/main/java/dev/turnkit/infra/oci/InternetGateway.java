package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import javax.annotation.Nullable;

/**
 * The VCN's gateway to the internet.
 * <p>Pulumi type {@code oci:Core/internetGateway:InternetGateway} (pulumi-oci 4.20.0).
 */
@ResourceType(type = InternetGateway.TYPE)
public class InternetGateway extends CustomResource {
    public static final String TYPE = "oci:Core/internetGateway:InternetGateway";

    @Export(name = "displayName", refs = {String.class}, tree = "[0]")
    private Output<String> displayName;

    @Export(name = "enabled", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> enabled;

    public Output<String> displayName() {
        return displayName;
    }

    public Output<Boolean> enabled() {
        return enabled;
    }

    public InternetGateway(String name, InternetGatewayArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Oci.withVersion(options), false);
    }
}
