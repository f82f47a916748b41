package dev.turnkit.infra.oci;

import com.pulumi.core.annotations.CustomType;
import java.util.List;
import javax.annotation.Nullable;

/** The {@code filters} echo of a function result ({@code name}, {@code regex}, {@code values}). */
@CustomType
public final class InvokeFilter {
    private @Nullable String name;
    private @Nullable Boolean regex;
    private @Nullable List<String> values;

    private InvokeFilter() {
    }

    public @Nullable String name() {
        return name;
    }

    public @Nullable Boolean regex() {
        return regex;
    }

    public @Nullable List<String> values() {
        return values;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private final InvokeFilter $ = new InvokeFilter();

        public Builder() {
        }

        @CustomType.Setter("name")
        public Builder name(@Nullable String name) {
            $.name = name;
            return this;
        }

        @CustomType.Setter("regex")
        public Builder regex(@Nullable Boolean regex) {
            $.regex = regex;
            return this;
        }

        @CustomType.Setter("values")
        public Builder values(@Nullable List<String> values) {
            $.values = values;
            return this;
        }

        public InvokeFilter build() {
            return $;
        }
    }
}
