package dev.turnkit.infra.oci;

import com.pulumi.core.annotations.CustomType;
import javax.annotation.Nullable;

/** One availability domain, e.g. {@code Uocm:PHX-AD-1}. */
@CustomType
public final class GetAvailabilityDomainsAvailabilityDomain {
    private @Nullable String compartmentId;
    private @Nullable String id;
    private @Nullable String name;

    private GetAvailabilityDomainsAvailabilityDomain() {
    }

    public @Nullable String compartmentId() {
        return compartmentId;
    }

    public @Nullable String id() {
        return id;
    }

    public @Nullable String name() {
        return name;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private final GetAvailabilityDomainsAvailabilityDomain $ = new GetAvailabilityDomainsAvailabilityDomain();

        public Builder() {
        }

        @CustomType.Setter("compartmentId")
        public Builder compartmentId(@Nullable String compartmentId) {
            $.compartmentId = compartmentId;
            return this;
        }

        @CustomType.Setter("id")
        public Builder id(@Nullable String id) {
            $.id = id;
            return this;
        }

        @CustomType.Setter("name")
        public Builder name(@Nullable String name) {
            $.name = name;
            return this;
        }

        public GetAvailabilityDomainsAvailabilityDomain build() {
            return $;
        }
    }
}
