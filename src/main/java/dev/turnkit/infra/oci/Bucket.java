package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import javax.annotation.Nullable;

/**
 * An Object Storage bucket. {@code accessType: NoPublicAccess} (the provider's default, set explicitly) keeps every
 * object private; reads then need a signed request or a pre-authenticated request ({@link Preauthrequest}).
 * <p>Pulumi type {@code oci:ObjectStorage/bucket:Bucket} (pulumi-oci 4.20.0).
 */
@ResourceType(type = Bucket.TYPE)
public class Bucket extends CustomResource {
    public static final String TYPE = "oci:ObjectStorage/bucket:Bucket";

    @Export(name = "name", refs = {String.class}, tree = "[0]")
    private Output<String> name;

    @Export(name = "namespace", refs = {String.class}, tree = "[0]")
    private Output<String> namespace;

    @Export(name = "accessType", refs = {String.class}, tree = "[0]")
    private Output<String> accessType;

    @Export(name = "bucketId", refs = {String.class}, tree = "[0]")
    private Output<String> bucketId;

    public Output<String> name() {
        return name;
    }

    public Output<String> namespace() {
        return namespace;
    }

    public Output<String> accessType() {
        return accessType;
    }

    public Output<String> bucketId() {
        return bucketId;
    }

    public Bucket(String name, BucketArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Oci.withVersion(options), false);
    }
}
