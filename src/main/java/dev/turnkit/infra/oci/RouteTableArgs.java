package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

public final class RouteTableArgs extends ResourceArgs {
    public static final RouteTableArgs Empty = new RouteTableArgs();

    @Import(name = "compartmentId", required = true)
    private Output<String> compartmentId;

    @Import(name = "vcnId", required = true)
    private Output<String> vcnId;

    @Import(name = "displayName")
    private @Nullable Output<String> displayName;

    @Import(name = "routeRules")
    private @Nullable Output<List<RouteTableArgs.RouteRule>> routeRules;

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

    public @Nullable Output<List<RouteTableArgs.RouteRule>> routeRules() {
        return routeRules;
    }

    public @Nullable Output<Map<String,String>> freeformTags() {
        return freeformTags;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final RouteTableArgs $ = new RouteTableArgs();

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

        public Builder routeRules(@Nullable Output<List<RouteTableArgs.RouteRule>> routeRules) {
            $.routeRules = routeRules;
            return this;
        }

        public Builder routeRules(List<RouteTableArgs.RouteRule> routeRules) {
            return routeRules(Output.of(routeRules));
        }

        public Builder freeformTags(@Nullable Output<Map<String,String>> freeformTags) {
            $.freeformTags = freeformTags;
            return this;
        }

        public Builder freeformTags(Map<String,String> freeformTags) {
            return freeformTags(Output.of(freeformTags));
        }

        public RouteTableArgs build() {
            if ($.compartmentId == null) {
                throw new MissingRequiredPropertyException("RouteTableArgs", "compartmentId");
            }
            if ($.vcnId == null) {
                throw new MissingRequiredPropertyException("RouteTableArgs", "vcnId");
            }
            return $;
        }
    }

    /** One route ({@code Core.RouteTableRouteRule}). */
    public static final class RouteRule extends ResourceArgs {
        public static final RouteRule Empty = new RouteRule();

        @Import(name = "networkEntityId", required = true)
        private Output<String> networkEntityId;

        @Import(name = "destination")
        private @Nullable Output<String> destination;

        @Import(name = "destinationType")
        private @Nullable Output<String> destinationType;

        @Import(name = "description")
        private @Nullable Output<String> description;

        public Output<String> networkEntityId() {
            return networkEntityId;
        }

        public @Nullable Output<String> destination() {
            return destination;
        }

        public @Nullable Output<String> destinationType() {
            return destinationType;
        }

        public @Nullable Output<String> description() {
            return description;
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private final RouteRule $ = new RouteRule();

            public Builder networkEntityId(Output<String> networkEntityId) {
                $.networkEntityId = networkEntityId;
                return this;
            }

            public Builder networkEntityId(String networkEntityId) {
                return networkEntityId(Output.of(networkEntityId));
            }

            public Builder destination(@Nullable Output<String> destination) {
                $.destination = destination;
                return this;
            }

            public Builder destination(String destination) {
                return destination(Output.of(destination));
            }

            /** {@code CIDR_BLOCK} or {@code SERVICE_CIDR_BLOCK}. */
            public Builder destinationType(@Nullable Output<String> destinationType) {
                $.destinationType = destinationType;
                return this;
            }

            public Builder destinationType(String destinationType) {
                return destinationType(Output.of(destinationType));
            }

            public Builder description(@Nullable Output<String> description) {
                $.description = description;
                return this;
            }

            public Builder description(String description) {
                return description(Output.of(description));
            }

            public RouteRule build() {
                if ($.networkEntityId == null) {
                    throw new MissingRequiredPropertyException("RouteRule", "networkEntityId");
                }
                return $;
            }
        }
    }
}
