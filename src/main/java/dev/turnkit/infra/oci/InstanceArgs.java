package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Inputs of {@code oci:Core/instance:Instance}, bound by hand in the shape Pulumi's generated Java SDKs use
 * (one field, getter and builder setter per input; names checked against the provider slice by
 * {@code OciBindingsSliceTest}). Size: one block per provider input, no logic.
 */
public final class InstanceArgs extends ResourceArgs {
    public static final InstanceArgs Empty = new InstanceArgs();

    @Import(name = "availabilityDomain", required = true)
    private Output<String> availabilityDomain;

    @Import(name = "compartmentId", required = true)
    private Output<String> compartmentId;

    @Import(name = "displayName")
    private @Nullable Output<String> displayName;

    @Import(name = "shape")
    private @Nullable Output<String> shape;

    @Import(name = "shapeConfig")
    private @Nullable Output<InstanceArgs.ShapeConfig> shapeConfig;

    @Import(name = "createVnicDetails")
    private @Nullable Output<InstanceArgs.CreateVnicDetails> createVnicDetails;

    @Import(name = "sourceDetails")
    private @Nullable Output<InstanceArgs.SourceDetails> sourceDetails;

    @Import(name = "metadata")
    private @Nullable Output<Map<String,String>> metadata;

    @Import(name = "preserveBootVolume")
    private @Nullable Output<Boolean> preserveBootVolume;

    @Import(name = "freeformTags")
    private @Nullable Output<Map<String,String>> freeformTags;

    public Output<String> availabilityDomain() {
        return availabilityDomain;
    }

    public Output<String> compartmentId() {
        return compartmentId;
    }

    public @Nullable Output<String> displayName() {
        return displayName;
    }

    public @Nullable Output<String> shape() {
        return shape;
    }

    public @Nullable Output<InstanceArgs.ShapeConfig> shapeConfig() {
        return shapeConfig;
    }

    public @Nullable Output<InstanceArgs.CreateVnicDetails> createVnicDetails() {
        return createVnicDetails;
    }

    public @Nullable Output<InstanceArgs.SourceDetails> sourceDetails() {
        return sourceDetails;
    }

    public @Nullable Output<Map<String,String>> metadata() {
        return metadata;
    }

    public @Nullable Output<Boolean> preserveBootVolume() {
        return preserveBootVolume;
    }

    public @Nullable Output<Map<String,String>> freeformTags() {
        return freeformTags;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final InstanceArgs $ = new InstanceArgs();

        public Builder availabilityDomain(Output<String> availabilityDomain) {
            $.availabilityDomain = availabilityDomain;
            return this;
        }

        public Builder availabilityDomain(String availabilityDomain) {
            return availabilityDomain(Output.of(availabilityDomain));
        }

        public Builder compartmentId(Output<String> compartmentId) {
            $.compartmentId = compartmentId;
            return this;
        }

        public Builder compartmentId(String compartmentId) {
            return compartmentId(Output.of(compartmentId));
        }

        public Builder displayName(@Nullable Output<String> displayName) {
            $.displayName = displayName;
            return this;
        }

        public Builder displayName(String displayName) {
            return displayName(Output.of(displayName));
        }

        public Builder shape(@Nullable Output<String> shape) {
            $.shape = shape;
            return this;
        }

        public Builder shape(String shape) {
            return shape(Output.of(shape));
        }

        public Builder shapeConfig(@Nullable Output<InstanceArgs.ShapeConfig> shapeConfig) {
            $.shapeConfig = shapeConfig;
            return this;
        }

        public Builder shapeConfig(InstanceArgs.ShapeConfig shapeConfig) {
            return shapeConfig(Output.of(shapeConfig));
        }

        public Builder createVnicDetails(@Nullable Output<InstanceArgs.CreateVnicDetails> createVnicDetails) {
            $.createVnicDetails = createVnicDetails;
            return this;
        }

        public Builder createVnicDetails(InstanceArgs.CreateVnicDetails createVnicDetails) {
            return createVnicDetails(Output.of(createVnicDetails));
        }

        public Builder sourceDetails(@Nullable Output<InstanceArgs.SourceDetails> sourceDetails) {
            $.sourceDetails = sourceDetails;
            return this;
        }

        public Builder sourceDetails(InstanceArgs.SourceDetails sourceDetails) {
            return sourceDetails(Output.of(sourceDetails));
        }

        /** OCI metadata keys verbatim: {@code ssh_authorized_keys}, {@code user_data} (base64 cloud-init). */
        public Builder metadata(@Nullable Output<Map<String,String>> metadata) {
            $.metadata = metadata;
            return this;
        }

        public Builder metadata(Map<String,String> metadata) {
            return metadata(Output.of(metadata));
        }

        public Builder preserveBootVolume(@Nullable Output<Boolean> preserveBootVolume) {
            $.preserveBootVolume = preserveBootVolume;
            return this;
        }

        public Builder preserveBootVolume(Boolean preserveBootVolume) {
            return preserveBootVolume(Output.of(preserveBootVolume));
        }

        public Builder freeformTags(@Nullable Output<Map<String,String>> freeformTags) {
            $.freeformTags = freeformTags;
            return this;
        }

        public Builder freeformTags(Map<String,String> freeformTags) {
            return freeformTags(Output.of(freeformTags));
        }

        public InstanceArgs build() {
            if ($.availabilityDomain == null) {
                throw new MissingRequiredPropertyException("InstanceArgs", "availabilityDomain");
            }
            if ($.compartmentId == null) {
                throw new MissingRequiredPropertyException("InstanceArgs", "compartmentId");
            }
            return $;
        }
    }

    /** Flex shape size ({@code Core.InstanceShapeConfig}). */
    public static final class ShapeConfig extends ResourceArgs {
        public static final ShapeConfig Empty = new ShapeConfig();

        @Import(name = "ocpus")
        private @Nullable Output<Double> ocpus;

        @Import(name = "memoryInGbs")
        private @Nullable Output<Double> memoryInGbs;

        public @Nullable Output<Double> ocpus() {
            return ocpus;
        }

        public @Nullable Output<Double> memoryInGbs() {
            return memoryInGbs;
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private final ShapeConfig $ = new ShapeConfig();

            public Builder ocpus(@Nullable Output<Double> ocpus) {
                $.ocpus = ocpus;
                return this;
            }

            public Builder ocpus(Double ocpus) {
                return ocpus(Output.of(ocpus));
            }

            public Builder memoryInGbs(@Nullable Output<Double> memoryInGbs) {
                $.memoryInGbs = memoryInGbs;
                return this;
            }

            public Builder memoryInGbs(Double memoryInGbs) {
                return memoryInGbs(Output.of(memoryInGbs));
            }

            public ShapeConfig build() {
                return $;
            }
        }
    }

    /** The primary VNIC ({@code Core.InstanceCreateVnicDetails}). */
    public static final class CreateVnicDetails extends ResourceArgs {
        public static final CreateVnicDetails Empty = new CreateVnicDetails();

        @Import(name = "subnetId")
        private @Nullable Output<String> subnetId;

        @Import(name = "assignPublicIp")
        private @Nullable Output<String> assignPublicIp;

        @Import(name = "privateIp")
        private @Nullable Output<String> privateIp;

        @Import(name = "privateIpId")
        private @Nullable Output<String> privateIpId;

        @Import(name = "nsgIds")
        private @Nullable Output<List<String>> nsgIds;

        @Import(name = "hostnameLabel")
        private @Nullable Output<String> hostnameLabel;

        @Import(name = "displayName")
        private @Nullable Output<String> displayName;

        public @Nullable Output<String> subnetId() {
            return subnetId;
        }

        public @Nullable Output<String> assignPublicIp() {
            return assignPublicIp;
        }

        public @Nullable Output<String> privateIp() {
            return privateIp;
        }

        public @Nullable Output<String> privateIpId() {
            return privateIpId;
        }

        public @Nullable Output<List<String>> nsgIds() {
            return nsgIds;
        }

        public @Nullable Output<String> hostnameLabel() {
            return hostnameLabel;
        }

        public @Nullable Output<String> displayName() {
            return displayName;
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private final CreateVnicDetails $ = new CreateVnicDetails();

            public Builder subnetId(@Nullable Output<String> subnetId) {
                $.subnetId = subnetId;
                return this;
            }

            public Builder subnetId(String subnetId) {
                return subnetId(Output.of(subnetId));
            }

            /** A string on the wire: {@code "false"}. */
            public Builder assignPublicIp(@Nullable Output<String> assignPublicIp) {
                $.assignPublicIp = assignPublicIp;
                return this;
            }

            public Builder assignPublicIp(String assignPublicIp) {
                return assignPublicIp(Output.of(assignPublicIp));
            }

            public Builder privateIp(@Nullable Output<String> privateIp) {
                $.privateIp = privateIp;
                return this;
            }

            public Builder privateIp(String privateIp) {
                return privateIp(Output.of(privateIp));
            }

            /**
             * A reserved private IP (its OCID) to launch the VNIC onto; OCI takes either this or
             * {@code privateIp}, not both.
             */
            public Builder privateIpId(@Nullable Output<String> privateIpId) {
                $.privateIpId = privateIpId;
                return this;
            }

            public Builder nsgIds(@Nullable Output<List<String>> nsgIds) {
                $.nsgIds = nsgIds;
                return this;
            }

            public Builder nsgIds(List<String> nsgIds) {
                return nsgIds(Output.of(nsgIds));
            }

            public Builder hostnameLabel(@Nullable Output<String> hostnameLabel) {
                $.hostnameLabel = hostnameLabel;
                return this;
            }

            public Builder hostnameLabel(String hostnameLabel) {
                return hostnameLabel(Output.of(hostnameLabel));
            }

            public Builder displayName(@Nullable Output<String> displayName) {
                $.displayName = displayName;
                return this;
            }

            public Builder displayName(String displayName) {
                return displayName(Output.of(displayName));
            }

            public CreateVnicDetails build() {
                return $;
            }
        }
    }

    /** Boot source ({@code Core.InstanceSourceDetails}). */
    public static final class SourceDetails extends ResourceArgs {
        public static final SourceDetails Empty = new SourceDetails();

        @Import(name = "sourceType", required = true)
        private Output<String> sourceType;

        @Import(name = "sourceId")
        private @Nullable Output<String> sourceId;

        @Import(name = "bootVolumeSizeInGbs")
        private @Nullable Output<String> bootVolumeSizeInGbs;

        public Output<String> sourceType() {
            return sourceType;
        }

        public @Nullable Output<String> sourceId() {
            return sourceId;
        }

        public @Nullable Output<String> bootVolumeSizeInGbs() {
            return bootVolumeSizeInGbs;
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private final SourceDetails $ = new SourceDetails();

            public Builder sourceType(Output<String> sourceType) {
                $.sourceType = sourceType;
                return this;
            }

            public Builder sourceType(String sourceType) {
                return sourceType(Output.of(sourceType));
            }

            public Builder sourceId(@Nullable Output<String> sourceId) {
                $.sourceId = sourceId;
                return this;
            }

            public Builder sourceId(String sourceId) {
                return sourceId(Output.of(sourceId));
            }

            /** A string on the wire. */
            public Builder bootVolumeSizeInGbs(@Nullable Output<String> bootVolumeSizeInGbs) {
                $.bootVolumeSizeInGbs = bootVolumeSizeInGbs;
                return this;
            }

            public Builder bootVolumeSizeInGbs(String bootVolumeSizeInGbs) {
                return bootVolumeSizeInGbs(Output.of(bootVolumeSizeInGbs));
            }

            public SourceDetails build() {
                if ($.sourceType == null) {
                    throw new MissingRequiredPropertyException("SourceDetails", "sourceType");
                }
                return $;
            }
        }
    }
}
