package dev.turnkit.infra.oci;

import com.pulumi.core.annotations.CustomType;
import java.util.Map;
import javax.annotation.Nullable;

/** One private IP object. */
@CustomType
public final class GetPrivateIpsPrivateIp {
    private @Nullable String availabilityDomain;
    private @Nullable Integer cidrPrefixLength;
    private @Nullable String compartmentId;
    private @Nullable Map<String,String> definedTags;
    private @Nullable String displayName;
    private @Nullable Map<String,String> freeformTags;
    private @Nullable String hostnameLabel;
    private @Nullable String id;
    private @Nullable String ipAddress;
    private @Nullable String ipState;
    private @Nullable String ipv4subnetCidrAtCreation;
    private @Nullable Boolean isPrimary;
    private @Nullable Boolean isReserved;
    private @Nullable String lifetime;
    private @Nullable String routeTableId;
    private @Nullable String subnetId;
    private @Nullable String timeCreated;
    private @Nullable String vlanId;
    private @Nullable String vnicId;

    private GetPrivateIpsPrivateIp() {
    }

    public @Nullable String availabilityDomain() {
        return availabilityDomain;
    }

    public @Nullable Integer cidrPrefixLength() {
        return cidrPrefixLength;
    }

    public @Nullable String compartmentId() {
        return compartmentId;
    }

    public @Nullable Map<String,String> definedTags() {
        return definedTags;
    }

    public @Nullable String displayName() {
        return displayName;
    }

    public @Nullable Map<String,String> freeformTags() {
        return freeformTags;
    }

    public @Nullable String hostnameLabel() {
        return hostnameLabel;
    }

    public @Nullable String id() {
        return id;
    }

    public @Nullable String ipAddress() {
        return ipAddress;
    }

    public @Nullable String ipState() {
        return ipState;
    }

    public @Nullable String ipv4subnetCidrAtCreation() {
        return ipv4subnetCidrAtCreation;
    }

    public @Nullable Boolean isPrimary() {
        return isPrimary;
    }

    public @Nullable Boolean isReserved() {
        return isReserved;
    }

    public @Nullable String lifetime() {
        return lifetime;
    }

    public @Nullable String routeTableId() {
        return routeTableId;
    }

    public @Nullable String subnetId() {
        return subnetId;
    }

    public @Nullable String timeCreated() {
        return timeCreated;
    }

    public @Nullable String vlanId() {
        return vlanId;
    }

    public @Nullable String vnicId() {
        return vnicId;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private final GetPrivateIpsPrivateIp $ = new GetPrivateIpsPrivateIp();

        public Builder() {
        }

        @CustomType.Setter("availabilityDomain")
        public Builder availabilityDomain(@Nullable String availabilityDomain) {
            $.availabilityDomain = availabilityDomain;
            return this;
        }

        @CustomType.Setter("cidrPrefixLength")
        public Builder cidrPrefixLength(@Nullable Integer cidrPrefixLength) {
            $.cidrPrefixLength = cidrPrefixLength;
            return this;
        }

        @CustomType.Setter("compartmentId")
        public Builder compartmentId(@Nullable String compartmentId) {
            $.compartmentId = compartmentId;
            return this;
        }

        @CustomType.Setter("definedTags")
        public Builder definedTags(@Nullable Map<String,String> definedTags) {
            $.definedTags = definedTags;
            return this;
        }

        @CustomType.Setter("displayName")
        public Builder displayName(@Nullable String displayName) {
            $.displayName = displayName;
            return this;
        }

        @CustomType.Setter("freeformTags")
        public Builder freeformTags(@Nullable Map<String,String> freeformTags) {
            $.freeformTags = freeformTags;
            return this;
        }

        @CustomType.Setter("hostnameLabel")
        public Builder hostnameLabel(@Nullable String hostnameLabel) {
            $.hostnameLabel = hostnameLabel;
            return this;
        }

        @CustomType.Setter("id")
        public Builder id(@Nullable String id) {
            $.id = id;
            return this;
        }

        @CustomType.Setter("ipAddress")
        public Builder ipAddress(@Nullable String ipAddress) {
            $.ipAddress = ipAddress;
            return this;
        }

        @CustomType.Setter("ipState")
        public Builder ipState(@Nullable String ipState) {
            $.ipState = ipState;
            return this;
        }

        @CustomType.Setter("ipv4subnetCidrAtCreation")
        public Builder ipv4subnetCidrAtCreation(@Nullable String ipv4subnetCidrAtCreation) {
            $.ipv4subnetCidrAtCreation = ipv4subnetCidrAtCreation;
            return this;
        }

        @CustomType.Setter("isPrimary")
        public Builder isPrimary(@Nullable Boolean isPrimary) {
            $.isPrimary = isPrimary;
            return this;
        }

        @CustomType.Setter("isReserved")
        public Builder isReserved(@Nullable Boolean isReserved) {
            $.isReserved = isReserved;
            return this;
        }

        @CustomType.Setter("lifetime")
        public Builder lifetime(@Nullable String lifetime) {
            $.lifetime = lifetime;
            return this;
        }

        @CustomType.Setter("routeTableId")
        public Builder routeTableId(@Nullable String routeTableId) {
            $.routeTableId = routeTableId;
            return this;
        }

        @CustomType.Setter("subnetId")
        public Builder subnetId(@Nullable String subnetId) {
            $.subnetId = subnetId;
            return this;
        }

        @CustomType.Setter("timeCreated")
        public Builder timeCreated(@Nullable String timeCreated) {
            $.timeCreated = timeCreated;
            return this;
        }

        @CustomType.Setter("vlanId")
        public Builder vlanId(@Nullable String vlanId) {
            $.vlanId = vlanId;
            return this;
        }

        @CustomType.Setter("vnicId")
        public Builder vnicId(@Nullable String vnicId) {
            $.vnicId = vnicId;
            return this;
        }

        public GetPrivateIpsPrivateIp build() {
            return $;
        }
    }
}
