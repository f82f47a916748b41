package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import javax.annotation.Nullable;

/** Arguments of a {@link Preauthrequest}; the deprecated {@code object} input is not bound ({@code objectName} is). */
public final class PreauthrequestArgs extends ResourceArgs {
    public static final PreauthrequestArgs Empty = new PreauthrequestArgs();

    @Import(name = "accessType", required = true)
    private Output<String> accessType;

    @Import(name = "bucket", required = true)
    private Output<String> bucket;

    @Import(name = "namespace", required = true)
    private Output<String> namespace;

    @Import(name = "timeExpires", required = true)
    private Output<String> timeExpires;

    @Import(name = "name")
    private @Nullable Output<String> name;

    @Import(name = "objectName")
    private @Nullable Output<String> objectName;

    public Output<String> accessType() {
        return accessType;
    }

    public Output<String> bucket() {
        return bucket;
    }

    public Output<String> namespace() {
        return namespace;
    }

    public Output<String> timeExpires() {
        return timeExpires;
    }

    public @Nullable Output<String> name() {
        return name;
    }

    public @Nullable Output<String> objectName() {
        return objectName;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final PreauthrequestArgs $ = new PreauthrequestArgs();

        /** {@code ObjectRead}: GET of the one object named by {@code objectName}, nothing else. */
        public Builder accessType(String accessType) {
            $.accessType = Output.of(accessType);
            return this;
        }

        public Builder bucket(Output<String> bucket) {
            $.bucket = bucket;
            return this;
        }

        public Builder namespace(Output<String> namespace) {
            $.namespace = namespace;
            return this;
        }

        /** RFC 3339 UTC time, e.g. {@code 2026-12-01T10:00:00Z}. */
        public Builder timeExpires(String timeExpires) {
            $.timeExpires = Output.of(timeExpires);
            return this;
        }

        public Builder name(String name) {
            $.name = Output.of(name);
            return this;
        }

        public Builder objectName(Output<String> objectName) {
            $.objectName = objectName;
            return this;
        }

        public PreauthrequestArgs build() {
            if ($.accessType == null) {
                throw new MissingRequiredPropertyException("PreauthrequestArgs", "accessType");
            }
            if ($.bucket == null) {
                throw new MissingRequiredPropertyException("PreauthrequestArgs", "bucket");
            }
            if ($.namespace == null) {
                throw new MissingRequiredPropertyException("PreauthrequestArgs", "namespace");
            }
            if ($.timeExpires == null) {
                throw new MissingRequiredPropertyException("PreauthrequestArgs", "timeExpires");
            }
            return $;
        }
    }
}
