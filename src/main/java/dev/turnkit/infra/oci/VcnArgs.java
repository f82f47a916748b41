package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

public final class VcnArgs extends ResourceArgs {
    public static final VcnArgs Empty = new VcnArgs();

    @Import(name = "compartmentId", required = true)
    private Output<String> compartmentId;

    @Import(name = "cidrBlocks")
    private @Nullable Output<List<String>> cidrBlocks;

    @Import(name = "displayName")
    private @Nullable Output<String> displayName;

    @Import(name = "dnsLabel")
    private @Nullable Output<String> dnsLabel;

    @Import(name = "freeformTags")
    private @Nullable Output<Map<String,String>> freeformTags;

    public Output<String> compartmentId() {
        return compartmentId;
    }

    public @Nullable Output<List<String>> cidrBlocks() {
        return cidrBlocks;
    }

    public @Nullable Output<String> displayName() {
        return displayName;
    }

    public @Nullable Output<String> dnsLabel() {
        return dnsLabel;
    }

    public @Nullable Output<Map<String,String>> freeformTags() {
        return freeformTags;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final VcnArgs $ = new VcnArgs();

        public Builder compartmentId(Output<String> compartmentId) {
            $.compartmentId = compartmentId;
            return this;
        }

        public Builder compartmentId(String compartmentId) {
            return compartmentId(Output.of(compartmentId));
        }

        public Builder cidrBlocks(@Nullable Output<List<String>> cidrBlocks) {
            $.cidrBlocks = cidrBlocks;
            return this;
        }

        public Builder cidrBlocks(List<String> cidrBlocks) {
            return cidrBlocks(Output.of(cidrBlocks));
        }

        public Builder displayName(@Nullable Output<String> displayName) {
            $.displayName = displayName;
            return this;
        }

        public Builder displayName(String displayName) {
            return displayName(Output.of(displayName));
        }

        public Builder dnsLabel(@Nullable Output<String> dnsLabel) {
            $.dnsLabel = dnsLabel;
            return this;
        }

        public Builder dnsLabel(String dnsLabel) {
            return dnsLabel(Output.of(dnsLabel));
        }

        public Builder freeformTags(@Nullable Output<Map<String,String>> freeformTags) {
            $.freeformTags = freeformTags;
            return this;
        }

        public Builder freeformTags(Map<String,String> freeformTags) {
            return freeformTags(Output.of(freeformTags));
        }

        public VcnArgs build() {
            if ($.compartmentId == null) {
                throw new MissingRequiredPropertyException("VcnArgs", "compartmentId");
            }
            return $;
        }
    }
}
