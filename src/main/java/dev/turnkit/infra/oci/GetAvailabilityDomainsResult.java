package dev.turnkit.infra.oci;

import com.pulumi.core.annotations.CustomType;
import java.util.List;
import javax.annotation.Nullable;

/** Result of {@code oci:Identity/getAvailabilityDomains}. */
@CustomType
public final class GetAvailabilityDomainsResult {
    private @Nullable List<GetAvailabilityDomainsAvailabilityDomain> availabilityDomains;
    private @Nullable String compartmentId;
    private @Nullable List<InvokeFilter> filters;
    private @Nullable String id;

    private GetAvailabilityDomainsResult() {
    }

    public @Nullable List<GetAvailabilityDomainsAvailabilityDomain> availabilityDomains() {
        return availabilityDomains;
    }

    public @Nullable String compartmentId() {
        return compartmentId;
    }

    public @Nullable List<InvokeFilter> filters() {
        return filters;
    }

    public @Nullable String id() {
        return id;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private final GetAvailabilityDomainsResult $ = new GetAvailabilityDomainsResult();

        public Builder() {
        }

        @CustomType.Setter("availabilityDomains")
        public Builder availabilityDomains(@Nullable List<GetAvailabilityDomainsAvailabilityDomain> availabilityDomains) {
            $.availabilityDomains = availabilityDomains;
            return this;
        }

        @CustomType.Setter("compartmentId")
        public Builder compartmentId(@Nullable String compartmentId) {
            $.compartmentId = compartmentId;
            return this;
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

        public GetAvailabilityDomainsResult build() {
            return $;
        }
    }
}
