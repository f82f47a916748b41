package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.InvokeArgs;
import javax.annotation.Nullable;

/** Arguments of {@code oci:ObjectStorage/getNamespace}: without a compartment, the caller's tenancy. */
public final class GetNamespaceArgs extends InvokeArgs {
    public static final GetNamespaceArgs Empty = new GetNamespaceArgs();

    @Import(name = "compartmentId")
    private @Nullable Output<String> compartmentId;

    public @Nullable Output<String> compartmentId() {
        return compartmentId;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final GetNamespaceArgs $ = new GetNamespaceArgs();

        public Builder compartmentId(String compartmentId) {
            $.compartmentId = Output.of(compartmentId);
            return this;
        }

        public GetNamespaceArgs build() {
            return $;
        }
    }
}
