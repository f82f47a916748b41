package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import javax.annotation.Nullable;

/**
 * One rule of a network security group; one resource per rule so adding a rule never replaces the others.
 * <p>Pulumi type {@code oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule} (pulumi-oci 4.20.0).
 */
@ResourceType(type = NetworkSecurityGroupSecurityRule.TYPE)
public class NetworkSecurityGroupSecurityRule extends CustomResource {
    public static final String TYPE = "oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule";

    @Export(name = "direction", refs = {String.class}, tree = "[0]")
    private Output<String> direction;

    @Export(name = "protocol", refs = {String.class}, tree = "[0]")
    private Output<String> protocol;

    @Export(name = "source", refs = {String.class}, tree = "[0]")
    private Output<String> source;

    @Export(name = "destination", refs = {String.class}, tree = "[0]")
    private Output<String> destination;

    @Export(name = "stateless", refs = {Boolean.class}, tree = "[0]")
    private Output<Boolean> stateless;

    @Export(name = "description", refs = {String.class}, tree = "[0]")
    private Output<String> description;

    public Output<String> direction() {
        return direction;
    }

    public Output<String> protocol() {
        return protocol;
    }

    public Output<String> source() {
        return source;
    }

    public Output<String> destination() {
        return destination;
    }

    public Output<Boolean> stateless() {
        return stateless;
    }

    public Output<String> description() {
        return description;
    }

    public NetworkSecurityGroupSecurityRule(String name, NetworkSecurityGroupSecurityRuleArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Oci.withVersion(options), false);
    }
}
