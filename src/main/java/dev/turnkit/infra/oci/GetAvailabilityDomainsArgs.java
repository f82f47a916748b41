package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.InvokeArgs;

/** Arguments of {@code oci:Identity/getAvailabilityDomains}. */
public final class GetAvailabilityDomainsArgs extends InvokeArgs {
    public static final GetAvailabilityDomainsArgs Empty = new GetAvailabilityDomainsArgs();

    @Import(name = "compartmentId", required = true)
    private Output<String> compartmentId;

    public Output<String> compartmentId() {
        return compartmentId;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final GetAvailabilityDomainsArgs $ = new GetAvailabilityDomainsArgs();

        public Builder compartmentId(Output<String> compartmentId) {
            $.compartmentId = compartmentId;
            return this;
        }

        public Builder compartmentId(String compartmentId) {
            return compartmentId(Output.of(compartmentId));
        }

        public GetAvailabilityDomainsArgs build() {
            if ($.compartmentId == null) {
                throw new MissingRequiredPropertyException("GetAvailabilityDomainsArgs", "compartmentId");
            }
            return $;
        }
    }
}
