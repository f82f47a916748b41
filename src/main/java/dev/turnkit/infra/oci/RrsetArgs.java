package dev.turnkit.infra.oci;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.exceptions.MissingRequiredPropertyException;
import com.pulumi.resources.ResourceArgs;
import java.util.List;
import javax.annotation.Nullable;

public final class RrsetArgs extends ResourceArgs {
    public static final RrsetArgs Empty = new RrsetArgs();

    @Import(name = "domain", required = true)
    private Output<String> domain;

    @Import(name = "rtype", required = true)
    private Output<String> rtype;

    @Import(name = "zoneNameOrId", required = true)
    private Output<String> zoneNameOrId;

    @Import(name = "items")
    private @Nullable Output<List<RrsetArgs.Item>> items;

    public Output<String> domain() {
        return domain;
    }

    public Output<String> rtype() {
        return rtype;
    }

    public Output<String> zoneNameOrId() {
        return zoneNameOrId;
    }

    public @Nullable Output<List<RrsetArgs.Item>> items() {
        return items;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final RrsetArgs $ = new RrsetArgs();

        public Builder domain(Output<String> domain) {
            $.domain = domain;
            return this;
        }

        public Builder domain(String domain) {
            return domain(Output.of(domain));
        }

        public Builder rtype(Output<String> rtype) {
            $.rtype = rtype;
            return this;
        }

        public Builder rtype(String rtype) {
            return rtype(Output.of(rtype));
        }

        public Builder zoneNameOrId(Output<String> zoneNameOrId) {
            $.zoneNameOrId = zoneNameOrId;
            return this;
        }

        public Builder zoneNameOrId(String zoneNameOrId) {
            return zoneNameOrId(Output.of(zoneNameOrId));
        }

        public Builder items(@Nullable Output<List<RrsetArgs.Item>> items) {
            $.items = items;
            return this;
        }

        public Builder items(List<RrsetArgs.Item> items) {
            return items(Output.of(items));
        }

        public RrsetArgs build() {
            if ($.domain == null) {
                throw new MissingRequiredPropertyException("RrsetArgs", "domain");
            }
            if ($.rtype == null) {
                throw new MissingRequiredPropertyException("RrsetArgs", "rtype");
            }
            if ($.zoneNameOrId == null) {
                throw new MissingRequiredPropertyException("RrsetArgs", "zoneNameOrId");
            }
            return $;
        }
    }

    /** One record ({@code Dns.RrsetItem}). */
    public static final class Item extends ResourceArgs {
        public static final Item Empty = new Item();

        @Import(name = "domain", required = true)
        private Output<String> domain;

        @Import(name = "rdata", required = true)
        private Output<String> rdata;

        @Import(name = "rtype", required = true)
        private Output<String> rtype;

        @Import(name = "ttl", required = true)
        private Output<Integer> ttl;

        public Output<String> domain() {
            return domain;
        }

        public Output<String> rdata() {
            return rdata;
        }

        public Output<String> rtype() {
            return rtype;
        }

        public Output<Integer> ttl() {
            return ttl;
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private final Item $ = new Item();

            public Builder domain(Output<String> domain) {
                $.domain = domain;
                return this;
            }

            public Builder domain(String domain) {
                return domain(Output.of(domain));
            }

            public Builder rdata(Output<String> rdata) {
                $.rdata = rdata;
                return this;
            }

            public Builder rdata(String rdata) {
                return rdata(Output.of(rdata));
            }

            public Builder rtype(Output<String> rtype) {
                $.rtype = rtype;
                return this;
            }

            public Builder rtype(String rtype) {
                return rtype(Output.of(rtype));
            }

            public Builder ttl(Output<Integer> ttl) {
                $.ttl = ttl;
                return this;
            }

            public Builder ttl(Integer ttl) {
                return ttl(Output.of(ttl));
            }

            public Item build() {
                if ($.domain == null) {
                    throw new MissingRequiredPropertyException("Item", "domain");
                }
                if ($.rdata == null) {
                    throw new MissingRequiredPropertyException("Item", "rdata");
                }
                if ($.rtype == null) {
                    throw new MissingRequiredPropertyException("Item", "rtype");
                }
                if ($.ttl == null) {
                    throw new MissingRequiredPropertyException("Item", "ttl");
                }
                return $;
            }
        }
    }
}
