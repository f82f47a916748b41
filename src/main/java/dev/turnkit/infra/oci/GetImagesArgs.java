package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.InvokeArgs;
import javax.annotation.Nullable;

/** Arguments of {@code oci:Core/getImages}. */
public final class GetImagesArgs extends InvokeArgs {
    public static final GetImagesArgs Empty = new GetImagesArgs();

    @Import(name = "compartmentId", required = true)
    private Output<String> compartmentId;

    @Import(name = "operatingSystem")
    private @Nullable Output<String> operatingSystem;

    @Import(name = "operatingSystemVersion")
    private @Nullable Output<String> operatingSystemVersion;

    @Import(name = "shape")
    private @Nullable Output<String> shape;

    @Import(name = "sortBy")
    private @Nullable Output<String> sortBy;

    @Import(name = "sortOrder")
    private @Nullable Output<String> sortOrder;

    @Import(name = "state")
    private @Nullable Output<String> state;

    public Output<String> compartmentId() {
        return compartmentId;
    }

    public @Nullable Output<String> operatingSystem() {
        return operatingSystem;
    }

    public @Nullable Output<String> operatingSystemVersion() {
        return operatingSystemVersion;
    }

    public @Nullable Output<String> shape() {
        return shape;
    }

    public @Nullable Output<String> sortBy() {
        return sortBy;
    }

    public @Nullable Output<String> sortOrder() {
        return sortOrder;
    }

    public @Nullable Output<String> state() {
        return state;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final GetImagesArgs $ = new GetImagesArgs();

        public Builder compartmentId(Output<String> compartmentId) {
            $.compartmentId = compartmentId;
            return this;
        }

        public Builder compartmentId(String compartmentId) {
            return compartmentId(Output.of(compartmentId));
        }

        public Builder operatingSystem(@Nullable Output<String> operatingSystem) {
            $.operatingSystem = operatingSystem;
            return this;
        }

        public Builder operatingSystem(String operatingSystem) {
            return operatingSystem(Output.of(operatingSystem));
        }

        public Builder operatingSystemVersion(@Nullable Output<String> operatingSystemVersion) {
            $.operatingSystemVersion = operatingSystemVersion;
            return this;
        }

        public Builder operatingSystemVersion(String operatingSystemVersion) {
            return operatingSystemVersion(Output.of(operatingSystemVersion));
        }

        /** Only images compatible with this shape (and so its CPU architecture). */
        public Builder shape(@Nullable Output<String> shape) {
            $.shape = shape;
            return this;
        }

        public Builder shape(String shape) {
            return shape(Output.of(shape));
        }

        public Builder sortBy(@Nullable Output<String> sortBy) {
            $.sortBy = sortBy;
            return this;
        }

        public Builder sortBy(String sortBy) {
            return sortBy(Output.of(sortBy));
        }

        public Builder sortOrder(@Nullable Output<String> sortOrder) {
            $.sortOrder = sortOrder;
            return this;
        }

        public Builder sortOrder(String sortOrder) {
            return sortOrder(Output.of(sortOrder));
        }

        public Builder state(@Nullable Output<String> state) {
            $.state = state;
            return this;
        }

        public Builder state(String state) {
            return state(Output.of(state));
        }

        public GetImagesArgs build() {
            if ($.compartmentId == null) {
                throw new MissingRequiredPropertyException("GetImagesArgs", "compartmentId");
            }
            return $;
        }
    }
}
