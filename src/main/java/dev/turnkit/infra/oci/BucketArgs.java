package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.Map;
import javax.annotation.Nullable;

public final class BucketArgs extends ResourceArgs {
    public static final BucketArgs Empty = new BucketArgs();

    @Import(name = "compartmentId", required = true)
    private Output<String> compartmentId;

    @Import(name = "namespace", required = true)
    private Output<String> namespace;

    @Import(name = "name")
    private @Nullable Output<String> name;

    @Import(name = "accessType")
    private @Nullable Output<String> accessType;

    @Import(name = "freeformTags")
    private @Nullable Output<Map<String,String>> freeformTags;

    public Output<String> compartmentId() {
        return compartmentId;
    }

    public Output<String> namespace() {
        return namespace;
    }

    public @Nullable Output<String> name() {
        return name;
    }

    public @Nullable Output<String> accessType() {
        return accessType;
    }

    public @Nullable Output<Map<String,String>> freeformTags() {
        return freeformTags;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final BucketArgs $ = new BucketArgs();

        public Builder compartmentId(String compartmentId) {
            $.compartmentId = Output.of(compartmentId);
            return this;
        }

        /** The tenancy's Object Storage namespace ({@code getNamespace}). */
        public Builder namespace(Output<String> namespace) {
            $.namespace = namespace;
            return this;
        }

        /** Unique within the namespace; letters, digits, '-', '_', '.'. */
        public Builder name(String name) {
            $.name = Output.of(name);
            return this;
        }

        /** {@code NoPublicAccess}, {@code ObjectRead} or {@code ObjectReadWithoutList}. */
        public Builder accessType(String accessType) {
            $.accessType = Output.of(accessType);
            return this;
        }

        public Builder freeformTags(Map<String,String> freeformTags) {
            $.freeformTags = Output.of(freeformTags);
            return this;
        }

        public BucketArgs build() {
            if ($.compartmentId == null) {
                throw new MissingRequiredPropertyException("BucketArgs", "compartmentId");
            }
            if ($.namespace == null) {
                throw new MissingRequiredPropertyException("BucketArgs", "namespace");
            }
            return $;
        }
    }
}
