package dev.turnkit.infra.oci;

import com.pulumi.core.annotations.CustomType;
import java.util.List;
import javax.annotation.Nullable;

/** Result of {@code oci:Core/getPrivateIps}. */
@CustomType
public final class GetPrivateIpsResult {
    private @Nullable List<InvokeFilter> filters;
    private @Nullable String id;
    private @Nullable String ipAddress;
    private @Nullable String ipState;
    private @Nullable String lifetime;
    private @Nullable List<GetPrivateIpsPrivateIp> privateIps;
    private @Nullable String subnetId;
    private @Nullable String vlanId;
    private @Nullable String vnicId;

    private GetPrivateIpsResult() {
    }

    public @Nullable List<InvokeFilter> filters() {
        return filters;
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

    public @Nullable String lifetime() {
        return lifetime;
    }

    public @Nullable List<GetPrivateIpsPrivateIp> privateIps() {
        return privateIps;
    }

    public @Nullable String subnetId() {
        return subnetId;
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
        private final GetPrivateIpsResult $ = new GetPrivateIpsResult();

        public Builder() {
        }

        @CustomType.Setter("filters")
        public Builder filters(@Nullable List<InvokeFilter> filters) {
            $.filters = filters;
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

        @CustomType.Setter("lifetime")
        public Builder lifetime(@Nullable String lifetime) {
            $.lifetime = lifetime;
            return this;
        }

        @CustomType.Setter("privateIps")
        public Builder privateIps(@Nullable List<GetPrivateIpsPrivateIp> privateIps) {
            $.privateIps = privateIps;
            return this;
        }

        @CustomType.Setter("subnetId")
        public Builder subnetId(@Nullable String subnetId) {
            $.subnetId = subnetId;
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

        public GetPrivateIpsResult build() {
            return $;
        }
    }
}
