package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

public final class SubnetArgs extends ResourceArgs {
    public static final SubnetArgs Empty = new SubnetArgs();

    @Import(name = "compartmentId", required = true)
    private Output<String> compartmentId;

    @Import(name = "vcnId", required = true)
    private Output<String> vcnId;

    @Import(name = "cidrBlock")
    private @Nullable Output<String> cidrBlock;

    @Import(name = "displayName")
    private @Nullable Output<String> displayName;

    @Import(name = "dnsLabel")
    private @Nullable Output<String> dnsLabel;

    @Import(name = "routeTableId")
    private @Nullable Output<String> routeTableId;

    @Import(name = "securityListIds")
    private @Nullable Output<List<String>> securityListIds;

    @Import(name = "prohibitPublicIpOnVnic")
    private @Nullable Output<Boolean> prohibitPublicIpOnVnic;

    @Import(name = "freeformTags")
    private @Nullable Output<Map<String,String>> freeformTags;

    public Output<String> compartmentId() {
        return compartmentId;
    }

    public Output<String> vcnId() {
        return vcnId;
    }

    public @Nullable Output<String> cidrBlock() {
        return cidrBlock;
    }

    public @Nullable Output<String> displayName() {
        return displayName;
    }

    public @Nullable Output<String> dnsLabel() {
        return dnsLabel;
    }

    public @Nullable Output<String> routeTableId() {
        return routeTableId;
    }

    public @Nullable Output<List<String>> securityListIds() {
        return securityListIds;
    }

    public @Nullable Output<Boolean> prohibitPublicIpOnVnic() {
        return prohibitPublicIpOnVnic;
    }

    public @Nullable Output<Map<String,String>> freeformTags() {
        return freeformTags;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final SubnetArgs $ = new SubnetArgs();

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

        public Builder cidrBlock(@Nullable Output<String> cidrBlock) {
            $.cidrBlock = cidrBlock;
            return this;
        }

        public Builder cidrBlock(String cidrBlock) {
            return cidrBlock(Output.of(cidrBlock));
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

        public Builder routeTableId(@Nullable Output<String> routeTableId) {
            $.routeTableId = routeTableId;
            return this;
        }

        public Builder routeTableId(String routeTableId) {
            return routeTableId(Output.of(routeTableId));
        }

        public Builder securityListIds(@Nullable Output<List<String>> securityListIds) {
            $.securityListIds = securityListIds;
            return this;
        }

        public Builder securityListIds(List<String> securityListIds) {
            return securityListIds(Output.of(securityListIds));
        }

        public Builder prohibitPublicIpOnVnic(@Nullable Output<Boolean> prohibitPublicIpOnVnic) {
            $.prohibitPublicIpOnVnic = prohibitPublicIpOnVnic;
            return this;
        }

        public Builder prohibitPublicIpOnVnic(Boolean prohibitPublicIpOnVnic) {
            return prohibitPublicIpOnVnic(Output.of(prohibitPublicIpOnVnic));
        }

        public Builder freeformTags(@Nullable Output<Map<String,String>> freeformTags) {
            $.freeformTags = freeformTags;
            return this;
        }

        public Builder freeformTags(Map<String,String> freeformTags) {
            return freeformTags(Output.of(freeformTags));
        }

        public SubnetArgs build() {
            if ($.compartmentId == null) {
                throw new MissingRequiredPropertyException("SubnetArgs", "compartmentId");
            }
            if ($.vcnId == null) {
                throw new MissingRequiredPropertyException("SubnetArgs", "vcnId");
            }
            return $;
        }
    }
}
