package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import javax.annotation.Nullable;

/**
 * Inputs of {@code oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule}, bound by hand in the
 * shape Pulumi's generated Java SDKs use (names checked against the provider slice by {@code OciBindingsSliceTest}).
 * Size: one block per provider input and its nested option types, no logic.
 */
public final class NetworkSecurityGroupSecurityRuleArgs extends ResourceArgs {
    public static final NetworkSecurityGroupSecurityRuleArgs Empty = new NetworkSecurityGroupSecurityRuleArgs();

    @Import(name = "networkSecurityGroupId", required = true)
    private Output<String> networkSecurityGroupId;

    @Import(name = "direction", required = true)
    private Output<String> direction;

    @Import(name = "protocol", required = true)
    private Output<String> protocol;

    @Import(name = "description")
    private @Nullable Output<String> description;

    @Import(name = "source")
    private @Nullable Output<String> source;

    @Import(name = "sourceType")
    private @Nullable Output<String> sourceType;

    @Import(name = "destination")
    private @Nullable Output<String> destination;

    @Import(name = "destinationType")
    private @Nullable Output<String> destinationType;

    @Import(name = "stateless")
    private @Nullable Output<Boolean> stateless;

    @Import(name = "tcpOptions")
    private @Nullable Output<NetworkSecurityGroupSecurityRuleArgs.PortOptions> tcpOptions;

    @Import(name = "udpOptions")
    private @Nullable Output<NetworkSecurityGroupSecurityRuleArgs.PortOptions> udpOptions;

    @Import(name = "icmpOptions")
    private @Nullable Output<NetworkSecurityGroupSecurityRuleArgs.IcmpOptions> icmpOptions;

    public Output<String> networkSecurityGroupId() {
        return networkSecurityGroupId;
    }

    public Output<String> direction() {
        return direction;
    }

    public Output<String> protocol() {
        return protocol;
    }

    public @Nullable Output<String> description() {
        return description;
    }

    public @Nullable Output<String> source() {
        return source;
    }

    public @Nullable Output<String> sourceType() {
        return sourceType;
    }

    public @Nullable Output<String> destination() {
        return destination;
    }

    public @Nullable Output<String> destinationType() {
        return destinationType;
    }

    public @Nullable Output<Boolean> stateless() {
        return stateless;
    }

    public @Nullable Output<NetworkSecurityGroupSecurityRuleArgs.PortOptions> tcpOptions() {
        return tcpOptions;
    }

    public @Nullable Output<NetworkSecurityGroupSecurityRuleArgs.PortOptions> udpOptions() {
        return udpOptions;
    }

    public @Nullable Output<NetworkSecurityGroupSecurityRuleArgs.IcmpOptions> icmpOptions() {
        return icmpOptions;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final NetworkSecurityGroupSecurityRuleArgs $ = new NetworkSecurityGroupSecurityRuleArgs();

        public Builder networkSecurityGroupId(Output<String> networkSecurityGroupId) {
            $.networkSecurityGroupId = networkSecurityGroupId;
            return this;
        }

        public Builder networkSecurityGroupId(String networkSecurityGroupId) {
            return networkSecurityGroupId(Output.of(networkSecurityGroupId));
        }

        /** {@code INGRESS} or {@code EGRESS}. */
        public Builder direction(Output<String> direction) {
            $.direction = direction;
            return this;
        }

        public Builder direction(String direction) {
            return direction(Output.of(direction));
        }

        /** IANA protocol number as a string ({@code "6"} TCP, {@code "17"} UDP, {@code "1"} ICMP) or {@code "all"}. */
        public Builder protocol(Output<String> protocol) {
            $.protocol = protocol;
            return this;
        }

        public Builder protocol(String protocol) {
            return protocol(Output.of(protocol));
        }

        public Builder description(@Nullable Output<String> description) {
            $.description = description;
            return this;
        }

        public Builder description(String description) {
            return description(Output.of(description));
        }

        public Builder source(@Nullable Output<String> source) {
            $.source = source;
            return this;
        }

        public Builder source(String source) {
            return source(Output.of(source));
        }

        public Builder sourceType(@Nullable Output<String> sourceType) {
            $.sourceType = sourceType;
            return this;
        }

        public Builder sourceType(String sourceType) {
            return sourceType(Output.of(sourceType));
        }

        public Builder destination(@Nullable Output<String> destination) {
            $.destination = destination;
            return this;
        }

        public Builder destination(String destination) {
            return destination(Output.of(destination));
        }

        public Builder destinationType(@Nullable Output<String> destinationType) {
            $.destinationType = destinationType;
            return this;
        }

        public Builder destinationType(String destinationType) {
            return destinationType(Output.of(destinationType));
        }

        public Builder stateless(@Nullable Output<Boolean> stateless) {
            $.stateless = stateless;
            return this;
        }

        public Builder stateless(Boolean stateless) {
            return stateless(Output.of(stateless));
        }

        public Builder tcpOptions(@Nullable Output<NetworkSecurityGroupSecurityRuleArgs.PortOptions> tcpOptions) {
            $.tcpOptions = tcpOptions;
            return this;
        }

        public Builder tcpOptions(NetworkSecurityGroupSecurityRuleArgs.PortOptions tcpOptions) {
            return tcpOptions(Output.of(tcpOptions));
        }

        public Builder udpOptions(@Nullable Output<NetworkSecurityGroupSecurityRuleArgs.PortOptions> udpOptions) {
            $.udpOptions = udpOptions;
            return this;
        }

        public Builder udpOptions(NetworkSecurityGroupSecurityRuleArgs.PortOptions udpOptions) {
            return udpOptions(Output.of(udpOptions));
        }

        public Builder icmpOptions(@Nullable Output<NetworkSecurityGroupSecurityRuleArgs.IcmpOptions> icmpOptions) {
            $.icmpOptions = icmpOptions;
            return this;
        }

        public Builder icmpOptions(NetworkSecurityGroupSecurityRuleArgs.IcmpOptions icmpOptions) {
            return icmpOptions(Output.of(icmpOptions));
        }

        public NetworkSecurityGroupSecurityRuleArgs build() {
            if ($.networkSecurityGroupId == null) {
                throw new MissingRequiredPropertyException("NetworkSecurityGroupSecurityRuleArgs", "networkSecurityGroupId");
            }
            if ($.direction == null) {
                throw new MissingRequiredPropertyException("NetworkSecurityGroupSecurityRuleArgs", "direction");
            }
            if ($.protocol == null) {
                throw new MissingRequiredPropertyException("NetworkSecurityGroupSecurityRuleArgs", "protocol");
            }
            return $;
        }
    }

    /** TCP or UDP options ({@code Core.NetworkSecurityGroupSecurityRule[Tcp|Udp]Options}). */
    public static final class PortOptions extends ResourceArgs {
        public static final PortOptions Empty = new PortOptions();

        @Import(name = "destinationPortRange")
        private @Nullable Output<NetworkSecurityGroupSecurityRuleArgs.PortRange> destinationPortRange;

        @Import(name = "sourcePortRange")
        private @Nullable Output<NetworkSecurityGroupSecurityRuleArgs.PortRange> sourcePortRange;

        public @Nullable Output<NetworkSecurityGroupSecurityRuleArgs.PortRange> destinationPortRange() {
            return destinationPortRange;
        }

        public @Nullable Output<NetworkSecurityGroupSecurityRuleArgs.PortRange> sourcePortRange() {
            return sourcePortRange;
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private final PortOptions $ = new PortOptions();

            public Builder destinationPortRange(@Nullable Output<NetworkSecurityGroupSecurityRuleArgs.PortRange> destinationPortRange) {
                $.destinationPortRange = destinationPortRange;
                return this;
            }

            public Builder destinationPortRange(NetworkSecurityGroupSecurityRuleArgs.PortRange destinationPortRange) {
                return destinationPortRange(Output.of(destinationPortRange));
            }

            public Builder sourcePortRange(@Nullable Output<NetworkSecurityGroupSecurityRuleArgs.PortRange> sourcePortRange) {
                $.sourcePortRange = sourcePortRange;
                return this;
            }

            public Builder sourcePortRange(NetworkSecurityGroupSecurityRuleArgs.PortRange sourcePortRange) {
                return sourcePortRange(Output.of(sourcePortRange));
            }

            public PortOptions build() {
                return $;
            }
        }
    }

    /** An inclusive port range. */
    public static final class PortRange extends ResourceArgs {
        public static final PortRange Empty = new PortRange();

        @Import(name = "min", required = true)
        private Output<Integer> min;

        @Import(name = "max", required = true)
        private Output<Integer> max;

        public Output<Integer> min() {
            return min;
        }

        public Output<Integer> max() {
            return max;
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private final PortRange $ = new PortRange();

            public Builder min(Output<Integer> min) {
                $.min = min;
                return this;
            }

            public Builder min(Integer min) {
                return min(Output.of(min));
            }

            public Builder max(Output<Integer> max) {
                $.max = max;
                return this;
            }

            public Builder max(Integer max) {
                return max(Output.of(max));
            }

            public PortRange build() {
                if ($.min == null) {
                    throw new MissingRequiredPropertyException("PortRange", "min");
                }
                if ($.max == null) {
                    throw new MissingRequiredPropertyException("PortRange", "max");
                }
                return $;
            }
        }
    }

    /** ICMP type and code. */
    public static final class IcmpOptions extends ResourceArgs {
        public static final IcmpOptions Empty = new IcmpOptions();

        @Import(name = "type", required = true)
        private Output<Integer> type;

        @Import(name = "code")
        private @Nullable Output<Integer> code;

        public Output<Integer> type() {
            return type;
        }

        public @Nullable Output<Integer> code() {
            return code;
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private final IcmpOptions $ = new IcmpOptions();

            public Builder type(Output<Integer> type) {
                $.type = type;
                return this;
            }

            public Builder type(Integer type) {
                return type(Output.of(type));
            }

            public Builder code(@Nullable Output<Integer> code) {
                $.code = code;
                return this;
            }

            public Builder code(Integer code) {
                return code(Output.of(code));
            }

            public IcmpOptions build() {
                if ($.type == null) {
                    throw new MissingRequiredPropertyException("IcmpOptions", "type");
                }
                return $;
            }
        }
    }
}
