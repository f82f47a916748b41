package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.InvokeArgs;
import javax.annotation.Nullable;

/** Arguments of {@code oci:Core/getPrivateIps}. */
public final class GetPrivateIpsArgs extends InvokeArgs {
    public static final GetPrivateIpsArgs Empty = new GetPrivateIpsArgs();

    @Import(name = "ipAddress")
    private @Nullable Output<String> ipAddress;

    @Import(name = "subnetId")
    private @Nullable Output<String> subnetId;

    public @Nullable Output<String> ipAddress() {
        return ipAddress;
    }

    public @Nullable Output<String> subnetId() {
        return subnetId;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final GetPrivateIpsArgs $ = new GetPrivateIpsArgs();

        public Builder ipAddress(@Nullable Output<String> ipAddress) {
            $.ipAddress = ipAddress;
            return this;
        }

        public Builder ipAddress(String ipAddress) {
            return ipAddress(Output.of(ipAddress));
        }

        public Builder subnetId(@Nullable Output<String> subnetId) {
            $.subnetId = subnetId;
            return this;
        }

        public Builder subnetId(String subnetId) {
            return subnetId(Output.of(subnetId));
        }

        public GetPrivateIpsArgs build() {
            return $;
        }
    }
}
