package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import javax.annotation.Nullable;

/**
 * A compute instance.
 * <p>Pulumi type {@code oci:Core/instance:Instance} (pulumi-oci 4.20.0).
 */
@ResourceType(type = Instance.TYPE)
public class Instance extends CustomResource {
    public static final String TYPE = "oci:Core/instance:Instance";

    @Export(name = "availabilityDomain", refs = {String.class}, tree = "[0]")
    private Output<String> availabilityDomain;

    @Export(name = "displayName", refs = {String.class}, tree = "[0]")
    private Output<String> displayName;

    @Export(name = "privateIp", refs = {String.class}, tree = "[0]")
    private Output<String> privateIp;

    @Export(name = "publicIp", refs = {String.class}, tree = "[0]")
    private Output<String> publicIp;

    @Export(name = "shape", refs = {String.class}, tree = "[0]")
    private Output<String> shape;

    @Export(name = "state", refs = {String.class}, tree = "[0]")
    private Output<String> state;

    public Output<String> availabilityDomain() {
        return availabilityDomain;
    }

    public Output<String> displayName() {
        return displayName;
    }

    public Output<String> privateIp() {
        return privateIp;
    }

    public Output<String> publicIp() {
        return publicIp;
    }

    public Output<String> shape() {
        return shape;
    }

    public Output<String> state() {
        return state;
    }

    public Instance(String name, InstanceArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Oci.withVersion(options), false);
    }
}
