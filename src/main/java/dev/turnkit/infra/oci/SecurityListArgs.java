package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.Map;
import javax.annotation.Nullable;

public final class SecurityListArgs extends ResourceArgs {
    public static final SecurityListArgs Empty = new SecurityListArgs();

    @Import(name = "compartmentId", required = true)
    private Output<String> compartmentId;

    @Import(name = "vcnId", required = true)
    private Output<String> vcnId;

    @Import(name = "displayName")
    private @Nullable Output<String> displayName;

    @Import(name = "freeformTags")
    private @Nullable Output<Map<String,String>> freeformTags;

    public Output<String> compartmentId() {
        return compartmentId;
    }

    public Output<String> vcnId() {
        return vcnId;
    }

    public @Nullable Output<String> displayName() {
        return displayName;
    }

    public @Nullable Output<Map<String,String>> freeformTags() {
        return freeformTags;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final SecurityListArgs $ = new SecurityListArgs();

        public Builder compartmentId(Output<String> compartmentId) {
            $.compartmentId = compartmentId;
            return this;
        }

        public Builder compartmentId(String compartmentId) {
            return compartmentId(Output.of(compartmentId));
        }

        public Builder vcnId(Output<String> vcnId) {
            $.vcnId = vcnId;
            return this;
        }

        public Builder vcnId(String vcnId) {
            return vcnId(Output.of(vcnId));
        }

        public Builder displayName(@Nullable Output<String> displayName) {
            $.displayName = displayName;
            return this;
        }

        public Builder displayName(String displayName) {
            return displayName(Output.of(displayName));
        }

        public Builder freeformTags(@Nullable Output<Map<String,String>> freeformTags) {
            $.freeformTags = freeformTags;
            return this;
        }

        public Builder freeformTags(Map<String,String> freeformTags) {
            return freeformTags(Output.of(freeformTags));
        }

        public SecurityListArgs build() {
            if ($.compartmentId == null) {
                throw new MissingRequiredPropertyException("SecurityListArgs", "compartmentId");
            }
            if ($.vcnId == null) {
                throw new MissingRequiredPropertyException("SecurityListArgs", "vcnId");
            }
            return $;
        }
    }
}
