package dev.turnkit.infra;

import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.turnkit.infra.oci.Bucket;
import dev.turnkit.infra.oci.BucketArgs;
import dev.turnkit.infra.oci.GetNamespaceArgs;
import dev.turnkit.infra.oci.GetNamespaceResult;
import dev.turnkit.infra.oci.Oci;
import dev.turnkit.infra.oci.OciFunctions;
import dev.turnkit.infra.oci.Preauthrequest;
import dev.turnkit.infra.oci.PreauthrequestArgs;
import dev.turnkit.infra.oci.StorageObject;
import dev.turnkit.infra.oci.StorageObjectArgs;
import dev.turnkit.model.StackConfig;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The laptop build of {@code turnkit.jar} in Object Storage, children of {@link TurnHost}: a private bucket
 * ({@code NoPublicAccess}; Always Free includes 20 GB of Object Storage), the jar as one object (uploaded by the
 * provider from {@link TurnkitJar.Upload#file()}, its MD5 checked by Object Storage), and a pre-authenticated
 * request that allows {@code ObjectRead} of that one object only, until {@link TurnkitJar.Upload#expires()}.
 *
 * <p>The URL goes into the VM's user data with the jar's SHA-256, so the expiry must not change on the next
 * {@code pulumi up} (a new URL would change the user data, which OCI only takes on a new VM): the request ignores
 * changes to {@code timeExpires}. A new build is a new request (its logical name carries the SHA-256), created
 * with a fresh expiry.
 *
 * @param url the pre-authenticated URL the VM downloads the jar from
 */
record JarUpload(Output<String> url) {
    /** The object name of the jar in the bucket. */
    static final String OBJECT = "turnkit.jar";

    static JarUpload create(Resource host, String name, StackConfig config, TurnkitJar.Upload jar,
            CustomResourceOptions child, Map<String, String> tags) {
        Output<String> namespace = OciFunctions.getNamespace(GetNamespaceArgs.Empty, Oci.parentedTo(host))
                .applyValue(GetNamespaceResult::namespace);
        Bucket bucket = new Bucket(name + "-jar-bucket", BucketArgs.builder()
                .compartmentId(config.oci().compartmentId())
                .namespace(namespace)
                .name(name + "-jar")
                .accessType("NoPublicAccess")
                .freeformTags(tags)
                .build(), child);
        StorageObject object = new StorageObject(name + "-jar-object", StorageObjectArgs.builder()
                .bucket(bucket.name())
                .namespace(bucket.namespace())
                .object(OBJECT)
                .source(jar.file().toString())
                .contentMd5(jar.md5())
                .contentType("application/java-archive")
                .build(), child);
        Preauthrequest par = new Preauthrequest(name + "-jar-url-" + jar.sha256().substring(0, 12),
                PreauthrequestArgs.builder()
                        .accessType("ObjectRead")
                        .bucket(bucket.name())
                        .namespace(bucket.namespace())
                        .objectName(object.object())
                        .name(name + "-jar-" + jar.sha256().substring(0, 12))
                        .timeExpires(DateTimeFormatter.ISO_INSTANT.format(jar.expires()))
                        .build(),
                CustomResourceOptions.merge(child,
                        CustomResourceOptions.builder().ignoreChanges(List.of("timeExpires")).build()));
        return new JarUpload(par.fullPath());
    }
}
