package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import javax.annotation.Nullable;

/**
 * A DNS record set in a zone.
 * <p>Pulumi type {@code oci:Dns/rrset:Rrset} (pulumi-oci 4.20.0).
 */
@ResourceType(type = Rrset.TYPE)
public class Rrset extends CustomResource {
    public static final String TYPE = "oci:Dns/rrset:Rrset";

    @Export(name = "domain", refs = {String.class}, tree = "[0]")
    private Output<String> domain;

    @Export(name = "rtype", refs = {String.class}, tree = "[0]")
    private Output<String> rtype;

    @Export(name = "zoneNameOrId", refs = {String.class}, tree = "[0]")
    private Output<String> zoneNameOrId;

    public Output<String> domain() {
        return domain;
    }

    public Output<String> rtype() {
        return rtype;
    }

    public Output<String> zoneNameOrId() {
        return zoneNameOrId;
    }

    public Rrset(String name, RrsetArgs args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Oci.withVersion(options), false);
    }
}
