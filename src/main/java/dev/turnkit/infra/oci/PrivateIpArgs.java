package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import java.util.Map;
import javax.annotation.Nullable;

public final class PrivateIpArgs extends ResourceArgs {
    public static final PrivateIpArgs Empty = new PrivateIpArgs();

    @Import(name = "subnetId")
    private @Nullable Output<String> subnetId;

    @Import(name = "ipAddress")
    private @Nullable Output<String> ipAddress;

    @Import(name = "lifetime")
    private @Nullable Output<String> lifetime;

    @Import(name = "displayName")
    private @Nullable Output<String> displayName;

    @Import(name = "freeformTags")
    private @Nullable Output<Map<String,String>> freeformTags;

    public @Nullable Output<String> subnetId() {
        return subnetId;
    }

    public @Nullable Output<String> ipAddress() {
        return ipAddress;
    }

    public @Nullable Output<String> lifetime() {
        return lifetime;
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
        private final PrivateIpArgs $ = new PrivateIpArgs();

        public Builder subnetId(@Nullable Output<String> subnetId) {
            $.subnetId = subnetId;
            return this;
        }

        public Builder ipAddress(String ipAddress) {
            $.ipAddress = Output.of(ipAddress);
            return this;
        }

        /** {@code RESERVED}: the address exists without a VNIC and outlives the instance. */
        public Builder lifetime(String lifetime) {
            $.lifetime = Output.of(lifetime);
            return this;
        }

        public Builder displayName(String displayName) {
            $.displayName = Output.of(displayName);
            return this;
        }

        public Builder freeformTags(Map<String,String> freeformTags) {
            $.freeformTags = Output.of(freeformTags);
            return this;
        }

        public PrivateIpArgs build() {
            return $;
        }
    }
}
