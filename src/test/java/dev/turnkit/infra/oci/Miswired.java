package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.CustomType;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;
import java.util.List;
import javax.annotation.Nullable;

/** Deliberately wrong bindings: the slice checker must reject each of them. Never instantiated. */
final class Miswired {
    private Miswired() {
    }

    /** Misspelt wire name (snake case as in Terraform) and a missing required input. */
    @ResourceType(type = "oci:Core/vcn:Vcn")
    static final class SnakeCaseVcn extends CustomResource {
        public SnakeCaseVcn(String name, SnakeCaseVcnArgs args, @Nullable CustomResourceOptions options) {
            super("oci:Core/vcn:Vcn", name, args, options);
        }
    }

    static final class SnakeCaseVcnArgs extends ResourceArgs {
        @Import(name = "dns_label")
        private @Nullable Output<String> dnsLabel;
    }

    /** A type token with the wrong module case. */
    @ResourceType(type = "oci:core/vcn:Vcn")
    static final class LowerCaseModuleVcn extends CustomResource {
        public LowerCaseModuleVcn(String name, SnakeCaseVcnArgs args, @Nullable CustomResourceOptions options) {
            super("oci:core/vcn:Vcn", name, args, options);
        }
    }

    /** {@code assignPublicIp} as a boolean (it is a string on the wire) and the deprecated top-level subnetId. */
    @ResourceType(type = "oci:Core/instance:Instance")
    static final class BooleanPublicIpInstance extends CustomResource {
        public BooleanPublicIpInstance(String name, BooleanPublicIpInstanceArgs args,
                @Nullable CustomResourceOptions options) {
            super("oci:Core/instance:Instance", name, args, options);
        }
    }

    static final class BooleanPublicIpInstanceArgs extends ResourceArgs {
        @Import(name = "availabilityDomain", required = true)
        private Output<String> availabilityDomain;
        @Import(name = "compartmentId", required = true)
        private Output<String> compartmentId;
        @Import(name = "subnetId")
        private @Nullable Output<String> subnetId;
        @Import(name = "createVnicDetails")
        private @Nullable Output<VnicArgs> createVnicDetails;
    }

    static final class VnicArgs extends ResourceArgs {
        @Import(name = "assignPublicIp")
        private @Nullable Output<Boolean> assignPublicIp;
    }

    /** A result type without a setter for every output field. */
    @CustomType
    static final class ShortAvailabilityDomain {
        @CustomType.Builder
        static final class Builder {
            @CustomType.Setter("name")
            Builder name(@Nullable String name) {
                return this;
            }

            ShortAvailabilityDomain build() {
                return new ShortAvailabilityDomain();
            }
        }
    }

    @CustomType
    static final class ShortResult {
        @CustomType.Builder
        static final class Builder {
            @CustomType.Setter("availabilityDomains")
            Builder availabilityDomains(@Nullable List<ShortAvailabilityDomain> v) {
                return this;
            }

            ShortResult build() {
                return new ShortResult();
            }
        }
    }

    /** Named like the real function so the checker finds its slice entry. */
    static Output<ShortResult> getAvailabilityDomains(GetAvailabilityDomainsArgs args) {
        throw new UnsupportedOperationException();
    }
}
