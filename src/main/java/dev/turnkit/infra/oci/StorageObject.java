package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import javax.annotation.Nullable;

/**
 * An object in a bucket, uploaded by the provider from a local file ({@code source}, an absolute path on the
 * machine that runs {@code pulumi up}).
 * <p>Pulumi type {@code oci:ObjectStorage/storageObject:StorageObject} (pulumi-oci 4.20.0).
 */
@ResourceType(type = StorageObject.TYPE)
public class StorageObject extends CustomResource {
    public static final String TYPE = "oci:ObjectStorage/storageObject:StorageObject";

    @Export(name = "bucket", refs = {String.class}, tree = "[0]")
    private Output<String> bucket;

    @Export(name = "namespace", refs = {String.class}, tree = "[0]")
    private Output<String> namespace;

    @Export(name = "object", refs = {String.class}, tree = "[0]")
    private Output<String> object;

    @Export(name = "contentLength", refs = {String.class}, tree = "[0]")
    private Output<String> contentLength;

    @Export(name = "contentMd5", refs = {String.class}, tree = "[0]")
    private Output<String> contentMd5;

    public Output<String> bucket() {
        return bucket;
    }

    public Output<String> namespace() {
        return namespace;
    }

    /** The object's name in the bucket. */
    public Output<String> object() {
        return object;
    }

    public Output<String> contentLength() {
        return contentLength;
    }

    public Output<String> contentMd5() {
        return contentMd5;
    }

    public StorageObject(String name, StorageObjectArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Oci.withVersion(options), false);
    }
}
