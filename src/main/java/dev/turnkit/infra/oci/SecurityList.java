package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import javax.annotation.Nullable;

/**
 * A security list; the stack attaches an empty one so the VCN default list (SSH open to the world) is not used.
 * <p>Pulumi type {@code oci:Core/securityList:SecurityList} (pulumi-oci 4.20.0).
 */
@ResourceType(type = SecurityList.TYPE)
public class SecurityList extends CustomResource {
    public static final String TYPE = "oci:Core/securityList:SecurityList";

    @Export(name = "displayName", refs = {String.class}, tree = "[0]")
    private Output<String> displayName;

    public Output<String> displayName() {
        return displayName;
    }

    public SecurityList(String name, SecurityListArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Oci.withVersion(options), false);
    }
}
