package dev.turnkit.infra.oci;

import com.pulumi.core.annotations.CustomType;
import java.util.List;
import javax.annotation.Nullable;

/** Result of {@code oci:Core/getImages}. */
@CustomType
public final class GetImagesResult {
    private @Nullable String compartmentId;
    private @Nullable String displayName;
    private @Nullable List<InvokeFilter> filters;
    private @Nullable String id;
    private @Nullable List<GetImagesImage> images;
    private @Nullable String operatingSystem;
    private @Nullable String operatingSystemVersion;
    private @Nullable String shape;
    private @Nullable String sortBy;
    private @Nullable String sortOrder;
    private @Nullable String state;

    private GetImagesResult() {
    }

    public @Nullable String compartmentId() {
        return compartmentId;
    }

    public @Nullable String displayName() {
        return displayName;
    }

    public @Nullable List<InvokeFilter> filters() {
        return filters;
    }

    public @Nullable String id() {
        return id;
    }

    public @Nullable List<GetImagesImage> images() {
        return images;
    }

    public @Nullable String operatingSystem() {
        return operatingSystem;
    }

    public @Nullable String operatingSystemVersion() {
        return operatingSystemVersion;
    }

    public @Nullable String shape() {
        return shape;
    }

    public @Nullable String sortBy() {
        return sortBy;
    }

    public @Nullable String sortOrder() {
        return sortOrder;
    }

    public @Nullable String state() {
        return state;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private final GetImagesResult $ = new GetImagesResult();

        public Builder() {
        }

        @CustomType.Setter("compartmentId")
        public Builder compartmentId(@Nullable String compartmentId) {
            $.compartmentId = compartmentId;
            return this;
        }

        @CustomType.Setter("displayName")
        public Builder displayName(@Nullable String displayName) {
            $.displayName = displayName;
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

        @CustomType.Setter("images")
        public Builder images(@Nullable List<GetImagesImage> images) {
            $.images = images;
            return this;
        }

        @CustomType.Setter("operatingSystem")
        public Builder operatingSystem(@Nullable String operatingSystem) {
            $.operatingSystem = operatingSystem;
            return this;
        }

        @CustomType.Setter("operatingSystemVersion")
        public Builder operatingSystemVersion(@Nullable String operatingSystemVersion) {
            $.operatingSystemVersion = operatingSystemVersion;
            return this;
        }

        @CustomType.Setter("shape")
        public Builder shape(@Nullable String shape) {
            $.shape = shape;
            return this;
        }

        @CustomType.Setter("sortBy")
        public Builder sortBy(@Nullable String sortBy) {
            $.sortBy = sortBy;
            return this;
        }

        @CustomType.Setter("sortOrder")
        public Builder sortOrder(@Nullable String sortOrder) {
            $.sortOrder = sortOrder;
            return this;
        }

        @CustomType.Setter("state")
        public Builder state(@Nullable String state) {
            $.state = state;
            return this;
        }

        public GetImagesResult build() {
            return $;
        }
    }
}
