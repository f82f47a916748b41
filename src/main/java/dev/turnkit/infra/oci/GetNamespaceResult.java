package dev.turnkit.infra.oci;

import com.pulumi.core.annotations.CustomType;
import javax.annotation.Nullable;

/** Result of {@code oci:ObjectStorage/getNamespace}: the tenancy's Object Storage namespace. */
@CustomType
public final class GetNamespaceResult {
    private @Nullable String compartmentId;
    private @Nullable String id;
    private @Nullable String namespace;

    private GetNamespaceResult() {
    }

    public @Nullable String compartmentId() {
        return compartmentId;
    }

    public @Nullable String id() {
        return id;
    }

    public @Nullable String namespace() {
        return namespace;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private final GetNamespaceResult $ = new GetNamespaceResult();

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

        @CustomType.Setter("namespace")
        public Builder namespace(@Nullable String namespace) {
            $.namespace = namespace;
            return this;
        }

        public GetNamespaceResult build() {
            return $;
        }
    }
}
