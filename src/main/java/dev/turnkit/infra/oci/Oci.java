package dev.turnkit.infra.oci;

import com.pulumi.deployment.InvokeOutputOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The pinned OCI provider version and the option helpers every binding uses, as the generated SDK's
 * {@code Utilities.withVersion} does: the default provider is always the 4.20.0 plugin named in
 * {@code com/pulumi/oci/plugin.json}, even when other versions are installed.
 */
public final class Oci {
    /** Must equal {@code com/pulumi/oci/version.txt} and {@code plugin.json} (checked by a test). */
    public static final String VERSION = "4.20.0";

    private Oci() {
    }

    static CustomResourceOptions withVersion(@Nullable CustomResourceOptions options) {
        return CustomResourceOptions.merge(CustomResourceOptions.builder().version(VERSION).build(), options);
    }

    static InvokeOutputOptions withVersion(@Nullable InvokeOutputOptions options) {
        if (options == null) {
            return new InvokeOutputOptions(null, null, VERSION, List.of());
        }
        String version = options.getVersion().orElse(VERSION);
        return new InvokeOutputOptions(options.getParent().orElse(null), options.getProvider().orElse(null), version,
                options.getPluginDownloadURL().orElse(null), options.getDependsOn());
    }

    /** Invoke options parented to a component, with the pinned provider version. */
    public static InvokeOutputOptions parentedTo(Resource parent) {
        return new InvokeOutputOptions(parent, null, VERSION, List.of());
    }
}
