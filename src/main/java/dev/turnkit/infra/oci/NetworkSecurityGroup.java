package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import javax.annotation.Nullable;

/**
 * A network security group: the host's cloud firewall.
 * <p>Pulumi type {@code oci:Core/networkSecurityGroup:NetworkSecurityGroup} (pulumi-oci 4.20.0).
 */
@ResourceType(type = NetworkSecurityGroup.TYPE)
public class NetworkSecurityGroup extends CustomResource {
    public static final String TYPE = "oci:Core/networkSecurityGroup:NetworkSecurityGroup";

    @Export(name = "displayName", refs = {String.class}, tree = "[0]")
    private Output<String> displayName;

    public Output<String> displayName() {
        return displayName;
    }

    public NetworkSecurityGroup(String name, NetworkSecurityGroupArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Oci.withVersion(options), false);
    }
}
