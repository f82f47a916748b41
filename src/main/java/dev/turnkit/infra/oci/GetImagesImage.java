package dev.turnkit.infra.oci;

import com.pulumi.core.annotations.CustomType;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/** One platform image. */
@CustomType
public final class GetImagesImage {
    private @Nullable List<Map<String,Object>> agentFeatures;
    private @Nullable String baseImageId;
    private @Nullable String billableSizeInGbs;
    private @Nullable String compartmentId;
    private @Nullable Boolean createImageAllowed;
    private @Nullable Map<String,String> definedTags;
    private @Nullable String displayName;
    private @Nullable Map<String,String> freeformTags;
    private @Nullable String id;
    private @Nullable List<Map<String,Object>> imageSourceDetails;
    private @Nullable String instanceId;
    private @Nullable String launchMode;
    private @Nullable List<Map<String,Object>> launchOptions;
    private @Nullable String listingType;
    private @Nullable String operatingSystem;
    private @Nullable String operatingSystemVersion;
    private @Nullable String sizeInMbs;
    private @Nullable String state;
    private @Nullable String timeCreated;

    private GetImagesImage() {
    }

    public @Nullable List<Map<String,Object>> agentFeatures() {
        return agentFeatures;
    }

    public @Nullable String baseImageId() {
        return baseImageId;
    }

    public @Nullable String billableSizeInGbs() {
        return billableSizeInGbs;
    }

    public @Nullable String compartmentId() {
        return compartmentId;
    }

    public @Nullable Boolean createImageAllowed() {
        return createImageAllowed;
    }

    public @Nullable Map<String,String> definedTags() {
        return definedTags;
    }

    public @Nullable String displayName() {
        return displayName;
    }

    public @Nullable Map<String,String> freeformTags() {
        return freeformTags;
    }

    public @Nullable String id() {
        return id;
    }

    public @Nullable List<Map<String,Object>> imageSourceDetails() {
        return imageSourceDetails;
    }

    public @Nullable String instanceId() {
        return instanceId;
    }

    public @Nullable String launchMode() {
        return launchMode;
    }

    public @Nullable List<Map<String,Object>> launchOptions() {
        return launchOptions;
    }

    public @Nullable String listingType() {
        return listingType;
    }

    public @Nullable String operatingSystem() {
        return operatingSystem;
    }

    public @Nullable String operatingSystemVersion() {
        return operatingSystemVersion;
    }

    public @Nullable String sizeInMbs() {
        return sizeInMbs;
    }

    public @Nullable String state() {
        return state;
    }

    public @Nullable String timeCreated() {
        return timeCreated;
    }

    public static Builder builder() {
        return new Builder();
    }

    @CustomType.Builder
    public static final class Builder {
        private final GetImagesImage $ = new GetImagesImage();

        public Builder() {
        }

        @CustomType.Setter("agentFeatures")
        public Builder agentFeatures(@Nullable List<Map<String,Object>> agentFeatures) {
            $.agentFeatures = agentFeatures;
            return this;
        }

        @CustomType.Setter("baseImageId")
        public Builder baseImageId(@Nullable String baseImageId) {
            $.baseImageId = baseImageId;
            return this;
        }

        @CustomType.Setter("billableSizeInGbs")
        public Builder billableSizeInGbs(@Nullable String billableSizeInGbs) {
            $.billableSizeInGbs = billableSizeInGbs;
            return this;
        }

        @CustomType.Setter("compartmentId")
        public Builder compartmentId(@Nullable String compartmentId) {
            $.compartmentId = compartmentId;
            return this;
        }

        @CustomType.Setter("createImageAllowed")
        public Builder createImageAllowed(@Nullable Boolean createImageAllowed) {
            $.createImageAllowed = createImageAllowed;
            return this;
        }

        @CustomType.Setter("definedTags")
        public Builder definedTags(@Nullable Map<String,String> definedTags) {
            $.definedTags = definedTags;
            return this;
        }

        @CustomType.Setter("displayName")
        public Builder displayName(@Nullable String displayName) {
            $.displayName = displayName;
            return this;
        }

        @CustomType.Setter("freeformTags")
        public Builder freeformTags(@Nullable Map<String,String> freeformTags) {
            $.freeformTags = freeformTags;
            return this;
        }

        @CustomType.Setter("id")
        public Builder id(@Nullable String id) {
            $.id = id;
            return this;
        }

        @CustomType.Setter("imageSourceDetails")
        public Builder imageSourceDetails(@Nullable List<Map<String,Object>> imageSourceDetails) {
            $.imageSourceDetails = imageSourceDetails;
            return this;
        }

        @CustomType.Setter("instanceId")
        public Builder instanceId(@Nullable String instanceId) {
            $.instanceId = instanceId;
            return this;
        }

        @CustomType.Setter("launchMode")
        public Builder launchMode(@Nullable String launchMode) {
            $.launchMode = launchMode;
            return this;
        }

        @CustomType.Setter("launchOptions")
        public Builder launchOptions(@Nullable List<Map<String,Object>> launchOptions) {
            $.launchOptions = launchOptions;
            return this;
        }

        @CustomType.Setter("listingType")
        public Builder listingType(@Nullable String listingType) {
            $.listingType = listingType;
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

        @CustomType.Setter("sizeInMbs")
        public Builder sizeInMbs(@Nullable String sizeInMbs) {
            $.sizeInMbs = sizeInMbs;
            return this;
        }

        @CustomType.Setter("state")
        public Builder state(@Nullable String state) {
            $.state = state;
            return this;
        }

        @CustomType.Setter("timeCreated")
        public Builder timeCreated(@Nullable String timeCreated) {
            $.timeCreated = timeCreated;
            return this;
        }

        public GetImagesImage build() {
            return $;
        }
    }
}
