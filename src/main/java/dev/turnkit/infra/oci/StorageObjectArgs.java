package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import javax.annotation.Nullable;

public final class StorageObjectArgs extends ResourceArgs {
    public static final StorageObjectArgs Empty = new StorageObjectArgs();

    @Import(name = "bucket", required = true)
    private Output<String> bucket;

    @Import(name = "namespace", required = true)
    private Output<String> namespace;

    @Import(name = "object", required = true)
    private Output<String> object;

    @Import(name = "source")
    private @Nullable Output<String> source;

    @Import(name = "contentMd5")
    private @Nullable Output<String> contentMd5;

    @Import(name = "contentType")
    private @Nullable Output<String> contentType;

    public Output<String> bucket() {
        return bucket;
    }

    public Output<String> namespace() {
        return namespace;
    }

    public Output<String> object() {
        return object;
    }

    public @Nullable Output<String> source() {
        return source;
    }

    public @Nullable Output<String> contentMd5() {
        return contentMd5;
    }

    public @Nullable Output<String> contentType() {
        return contentType;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final StorageObjectArgs $ = new StorageObjectArgs();

        /** The bucket's name. */
        public Builder bucket(Output<String> bucket) {
            $.bucket = bucket;
            return this;
        }

        public Builder namespace(Output<String> namespace) {
            $.namespace = namespace;
            return this;
        }

        /** The object's name in the bucket. */
        public Builder object(String object) {
            $.object = Output.of(object);
            return this;
        }

        /** Absolute path of the local file the provider uploads. */
        public Builder source(String source) {
            $.source = Output.of(source);
            return this;
        }

        /** Base64 MD5 of the content: Object Storage refuses an upload that does not match it. */
        public Builder contentMd5(String contentMd5) {
            $.contentMd5 = Output.of(contentMd5);
            return this;
        }

        public Builder contentType(String contentType) {
            $.contentType = Output.of(contentType);
            return this;
        }

        public StorageObjectArgs build() {
            if ($.bucket == null) {
                throw new MissingRequiredPropertyException("StorageObjectArgs", "bucket");
            }
            if ($.namespace == null) {
                throw new MissingRequiredPropertyException("StorageObjectArgs", "namespace");
            }
            if ($.object == null) {
                throw new MissingRequiredPropertyException("StorageObjectArgs", "object");
            }
            return $;
        }
    }
}
