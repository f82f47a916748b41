package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import javax.annotation.Nullable;

/**
 * A pre-authenticated request: a URL that grants {@code accessType} on one object (or a bucket) until
 * {@code timeExpires}, without credentials. OCI cannot change a PAR after creation.
 * <p>Pulumi type {@code oci:ObjectStorage/preauthrequest:Preauthrequest} (pulumi-oci 4.20.0).
 */
@ResourceType(type = Preauthrequest.TYPE)
public class Preauthrequest extends CustomResource {
    public static final String TYPE = "oci:ObjectStorage/preauthrequest:Preauthrequest";

    @Export(name = "accessType", refs = {String.class}, tree = "[0]")
    private Output<String> accessType;

    @Export(name = "accessUri", refs = {String.class}, tree = "[0]")
    private Output<String> accessUri;

    @Export(name = "fullPath", refs = {String.class}, tree = "[0]")
    private Output<String> fullPath;

    @Export(name = "objectName", refs = {String.class}, tree = "[0]")
    private Output<String> objectName;

    @Export(name = "parId", refs = {String.class}, tree = "[0]")
    private Output<String> parId;

    @Export(name = "timeExpires", refs = {String.class}, tree = "[0]")
    private Output<String> timeExpires;

    public Output<String> accessType() {
        return accessType;
    }

    /** The path part of the URL ({@code /p/<token>/n/<namespace>/b/<bucket>/o/<object>}). */
    public Output<String> accessUri() {
        return accessUri;
    }

    /** The whole URL, scheme and Object Storage host included: what a client fetches. */
    public Output<String> fullPath() {
        return fullPath;
    }

    public Output<String> objectName() {
        return objectName;
    }

    public Output<String> parId() {
        return parId;
    }

    public Output<String> timeExpires() {
        return timeExpires;
    }

    public Preauthrequest(String name, PreauthrequestArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Oci.withVersion(options), false);
    }
}
