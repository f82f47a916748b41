package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.Map;
import javax.annotation.Nullable;

public final class PublicIpArgs extends ResourceArgs {
    public static final PublicIpArgs Empty = new PublicIpArgs();

    @Import(name = "compartmentId", required = true)
    private Output<String> compartmentId;

    @Import(name = "lifetime", required = true)
    private Output<String> lifetime;

    @Import(name = "displayName")
    private @Nullable Output<String> displayName;

    @Import(name = "privateIpId")
    private @Nullable Output<String> privateIpId;

    @Import(name = "freeformTags")
    private @Nullable Output<Map<String,String>> freeformTags;

    public Output<String> compartmentId() {
        return compartmentId;
    }

    public Output<String> lifetime() {
        return lifetime;
    }

    public @Nullable Output<String> displayName() {
        return displayName;
    }

    public @Nullable Output<String> privateIpId() {
        return privateIpId;
    }

    public @Nullable Output<Map<String,String>> freeformTags() {
        return freeformTags;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final PublicIpArgs $ = new PublicIpArgs();

        public Builder compartmentId(Output<String> compartmentId) {
            $.compartmentId = compartmentId;
            return this;
        }

        public Builder compartmentId(String compartmentId) {
            return compartmentId(Output.of(compartmentId));
        }

        /** {@code RESERVED} (survives the instance) or {@code EPHEMERAL}. */
        public Builder lifetime(Output<String> lifetime) {
            $.lifetime = lifetime;
            return this;
        }

        public Builder lifetime(String lifetime) {
            return lifetime(Output.of(lifetime));
        }

        public Builder displayName(@Nullable Output<String> displayName) {
            $.displayName = displayName;
            return this;
        }

        public Builder displayName(String displayName) {
            return displayName(Output.of(displayName));
        }

        /** The private IP object to attach to; optional for a reserved IP. */
        public Builder privateIpId(@Nullable Output<String> privateIpId) {
            $.privateIpId = privateIpId;
            return this;
        }

        public Builder privateIpId(String privateIpId) {
            return privateIpId(Output.of(privateIpId));
        }

        public Builder freeformTags(@Nullable Output<Map<String,String>> freeformTags) {
            $.freeformTags = freeformTags;
            return this;
        }

        public Builder freeformTags(Map<String,String> freeformTags) {
            return freeformTags(Output.of(freeformTags));
        }

        public PublicIpArgs build() {
            if ($.compartmentId == null) {
                throw new MissingRequiredPropertyException("PublicIpArgs", "compartmentId");
            }
            if ($.lifetime == null) {
                throw new MissingRequiredPropertyException("PublicIpArgs", "lifetime");
            }
            return $;
        }
    }
}
