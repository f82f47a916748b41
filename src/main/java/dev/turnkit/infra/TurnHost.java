package dev.turnkit.infra;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.turnkit.infra.oci.GetAvailabilityDomainsArgs;
import dev.turnkit.infra.oci.GetAvailabilityDomainsAvailabilityDomain;
import dev.turnkit.infra.oci.GetAvailabilityDomainsResult;
import dev.turnkit.infra.oci.GetImagesArgs;
import dev.turnkit.infra.oci.GetImagesImage;
import dev.turnkit.infra.oci.GetImagesResult;
import dev.turnkit.infra.oci.Instance;
import dev.turnkit.infra.oci.InstanceArgs;
import dev.turnkit.infra.oci.InternetGateway;
import dev.turnkit.infra.oci.InternetGatewayArgs;
import dev.turnkit.infra.oci.NetworkSecurityGroup;
import dev.turnkit.infra.oci.NetworkSecurityGroupArgs;
import dev.turnkit.infra.oci.NetworkSecurityGroupSecurityRule;
import dev.turnkit.infra.oci.NetworkSecurityGroupSecurityRuleArgs;
import dev.turnkit.infra.oci.Oci;
import dev.turnkit.infra.oci.OciFunctions;
import dev.turnkit.infra.oci.PrivateIp;
import dev.turnkit.infra.oci.PrivateIpArgs;
import dev.turnkit.infra.oci.PublicIp;
import dev.turnkit.infra.oci.PublicIpArgs;
import dev.turnkit.infra.oci.RouteTable;
import dev.turnkit.infra.oci.RouteTableArgs;
import dev.turnkit.infra.oci.Rrset;
import dev.turnkit.infra.oci.RrsetArgs;
import dev.turnkit.infra.oci.SecurityList;
import dev.turnkit.infra.oci.SecurityListArgs;
import dev.turnkit.infra.oci.Subnet;
import dev.turnkit.infra.oci.SubnetArgs;
import dev.turnkit.infra.oci.Vcn;
import dev.turnkit.infra.oci.VcnArgs;
import dev.turnkit.model.ConfigException;
import dev.turnkit.model.HostOs;
import dev.turnkit.model.StackConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.annotation.Nullable;

/**
 * The TURN host on Oracle Cloud: its network (VCN, internet gateway, route table, an empty security list, a
 * regional subnet), its cloud firewall (a network security group with one rule per stable key), a reserved public
 * IP, the VM (cloud-init user data with the reserved public IP and the fixed private IP) and, when a DNS zone is
 * configured, the A record of the TURN name.
 *
 * <p>Every child is parented to this component and named {@code <name>-<role>}. One {@code pulumi up} creates
 * everything in the order PrivateIp → PublicIp → Instance: the fixed private IP is a reserved
 * {@code oci:Core/privateIp:PrivateIp} in the subnet (no VNIC yet), the reserved public IP points at it
 * ({@code privateIpId}), and the VM launches onto it ({@code createVnicDetails.privateIpId}) with both addresses
 * in its cloud-init. No lookup depends on the VM existing, so a second run has nothing to change. Whether OCI
 * routes a public IP to a reserved private IP before a VNIC holds it is not documented; the host's bootstrap
 * therefore verifies the mapping at boot (metadata service + STUN) before it starts coturn.
 */
public final class TurnHost extends ComponentResource {
    /** Pulumi type token of the component. */
    public static final String TYPE = "turnkit:index:TurnHost";

    private final Output<String> publicIp;
    private final Output<Boolean> publicIpAttached;
    private final Output<String> instanceId;
    private final Output<String> availabilityDomain;
    private final Output<String> imageId;
    private final String privateIp;

    /**
     * @param name      component name; children are named {@code <name>-<role>}
     * @param config    the validated stack config
     * @param firewall  the cloud firewall table (see {@link NsgRules#of})
     * @param cloudInit produces the user data once the reserved public IP is known
     * @param options   component options
     */
    public TurnHost(String name, StackConfig config, SortedMap<String, NsgRule> firewall, CloudInit cloudInit,
            @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        CustomResourceOptions child = CustomResourceOptions.builder().parent(this).build();
        String compartment = config.oci().compartmentId();
        Map<String, String> tags = Map.of("turnkit-stack", config.stack());

        // ---- network: VCN, internet gateway, route table, empty security list, regional subnet ---------------
        Vcn vcn = new Vcn(name + "-vcn", VcnArgs.builder()
                .compartmentId(compartment)
                .cidrBlocks(List.of(config.network().vcnCidr().toString()))
                .displayName(name + "-vcn")
                .dnsLabel("turnkit")
                .freeformTags(tags)
                .build(), child);
        InternetGateway gateway = new InternetGateway(name + "-igw", InternetGatewayArgs.builder()
                .compartmentId(compartment)
                .vcnId(vcn.id())
                .displayName(name + "-igw")
                .enabled(true)
                .freeformTags(tags)
                .build(), child);
        RouteTable routes = new RouteTable(name + "-rt", RouteTableArgs.builder()
                .compartmentId(compartment)
                .vcnId(vcn.id())
                .displayName(name + "-rt")
                .routeRules(List.of(RouteTableArgs.RouteRule.builder()
                        .networkEntityId(gateway.id())
                        .destination(NsgRules.ANYWHERE)
                        .destinationType("CIDR_BLOCK")
                        .description("default route to the internet")
                        .build()))
                .freeformTags(tags)
                .build(), child);
        // Without an explicit list the subnet gets the VCN's default security list, which opens SSH to
        // 0.0.0.0/0. An empty list leaves the network security group as the only cloud firewall.
        SecurityList noRules = new SecurityList(name + "-sl", SecurityListArgs.builder()
                .compartmentId(compartment)
                .vcnId(vcn.id())
                .displayName(name + "-sl-empty")
                .freeformTags(tags)
                .build(), child);
        Subnet subnet = new Subnet(name + "-subnet", SubnetArgs.builder()
                .compartmentId(compartment)
                .vcnId(vcn.id())
                .cidrBlock(config.network().subnetCidr().toString())
                .displayName(name + "-subnet")
                .dnsLabel("turn")
                .routeTableId(routes.id())
                .securityListIds(noRules.id().applyValue(List::of))
                .prohibitPublicIpOnVnic(false)
                .freeformTags(tags)
                .build(), child);

        // ---- cloud firewall: one NSG rule per stable key ---------------------------------------------------------
        NetworkSecurityGroup nsg = new NetworkSecurityGroup(name + "-nsg", NetworkSecurityGroupArgs.builder()
                .compartmentId(compartment)
                .vcnId(vcn.id())
                .displayName(name + "-nsg")
                .freeformTags(tags)
                .build(), child);
        for (NsgRule rule : firewall.values()) {
            new NetworkSecurityGroupSecurityRule(ruleName(name, rule), ruleArgs(nsg, rule), child);
        }

        // ---- placement: availability domain (first of the configured list) and image ------------------------
        Output<GetAvailabilityDomainsResult> domains = OciFunctions.getAvailabilityDomains(
                GetAvailabilityDomainsArgs.builder().compartmentId(compartment).build(),
                Oci.parentedTo(this));
        this.availabilityDomain = domains.applyValue(r -> chooseAvailabilityDomain(config, r));
        Output<GetImagesResult> images = OciFunctions.getImages(GetImagesArgs.builder()
                .compartmentId(compartment)
                .operatingSystem(operatingSystem(config.instance().os()))
                .operatingSystemVersion(operatingSystemVersion(config.instance().os()))
                .shape(config.instance().shape().ociName())
                .sortBy("TIMECREATED")
                .sortOrder("DESC")
                .state("AVAILABLE")
                .build(), Oci.parentedTo(this));
        this.imageId = images.applyValue(r -> chooseImage(config, r).id());

        // ---- reserved private IP -> reserved public IP on it: both exist before the VM ------------------------
        this.privateIp = config.network().privateIp();
        PrivateIp reservedPrivate = new PrivateIp(name + "-private-ip", PrivateIpArgs.builder()
                .subnetId(subnet.id())
                .ipAddress(privateIp)
                .lifetime("RESERVED")
                .displayName(name + "-private-ip")
                .freeformTags(tags)
                .build(), child);
        PublicIp reserved = new PublicIp(name + "-ip", PublicIpArgs.builder()
                .compartmentId(compartment)
                .lifetime("RESERVED")
                .displayName(name + "-ip")
                .privateIpId(reservedPrivate.id())
                .freeformTags(tags)
                .build(), child);
        this.publicIp = reserved.ipAddress();
        this.publicIpAttached = Output.tuple(reserved.privateIpId(), reservedPrivate.id())
                .applyValue(t -> t.t2.equals(t.t1));

        // ---- the VM: fixed private IP, no ephemeral public IP, cloud-init with both addresses ---------------
        Output<String> userData = publicIp
                .apply(ip -> cloudInit.render(config.withAddresses(ip, null)))
                .applyValue(text -> Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)))
                .asSecret();
        Output<Map<String, String>> metadata = userData.applyValue(data -> {
            Map<String, String> m = new TreeMap<>();
            m.put("ssh_authorized_keys", config.access().sshPublicKey());
            m.put("user_data", data);
            return m;
        });
        InstanceArgs.Builder vm = InstanceArgs.builder()
                .availabilityDomain(availabilityDomain)
                .compartmentId(compartment)
                .displayName(name + "-vm")
                .shape(config.instance().shape().ociName())
                .createVnicDetails(InstanceArgs.CreateVnicDetails.builder()
                        .subnetId(subnet.id())
                        .assignPublicIp("false")
                        .privateIpId(reservedPrivate.id())
                        .nsgIds(nsg.id().applyValue(List::of))
                        .hostnameLabel("turn")
                        .displayName(name + "-vnic")
                        .build())
                .sourceDetails(InstanceArgs.SourceDetails.builder()
                        .sourceType("image")
                        .sourceId(imageId)
                        .bootVolumeSizeInGbs(Integer.toString(config.instance().bootVolumeGb()))
                        .build())
                .metadata(metadata)
                .preserveBootVolume(false)
                .freeformTags(tags);
        if (config.instance().shape().flexible()) {
            vm.shapeConfig(InstanceArgs.ShapeConfig.builder()
                    .ocpus((double) config.instance().ocpus())
                    .memoryInGbs((double) config.instance().memoryGb())
                    .build());
        }
        Instance instance = new Instance(name + "-vm", vm.build(), child);
        this.instanceId = instance.id();

        // ---- DNS: the TURN name -> reserved public IP, only when the zone is managed here --------------------
        config.oci().dnsZone().ifPresent(zone -> new Rrset(name + "-dns", RrsetArgs.builder()
                .domain(config.domain())
                .rtype("A")
                .zoneNameOrId(zone)
                .items(publicIp.applyValue(ip -> List.of(RrsetArgs.Item.builder()
                        .domain(config.domain())
                        .rdata(ip)
                        .rtype("A")
                        .ttl(300)
                        .build())))
                .build(), child));

        registerOutputs(Map.of(
                "publicIp", publicIp,
                "publicIpAttached", publicIpAttached,
                "privateIp", Output.of(privateIp),
                "instanceId", instanceId,
                "availabilityDomain", availabilityDomain,
                "imageId", imageId));
    }

    /** {@code <host>-fw-<key>}: the rule's key, never its position, names the resource. */
    public static String ruleName(String hostName, NsgRule rule) {
        return hostName + "-fw-" + rule.key();
    }

    private static NetworkSecurityGroupSecurityRuleArgs ruleArgs(NetworkSecurityGroup nsg, NsgRule rule) {
        NetworkSecurityGroupSecurityRuleArgs.Builder b = NetworkSecurityGroupSecurityRuleArgs.builder()
                .networkSecurityGroupId(nsg.id())
                .direction(rule.direction().name())
                .protocol(rule.protocol().wire())
                .stateless(rule.stateless())
                .description(rule.key() + ": " + rule.why());
        if (rule.direction() == NsgRule.Direction.INGRESS) {
            b.source(rule.cidr()).sourceType("CIDR_BLOCK");
        } else {
            b.destination(rule.cidr()).destinationType("CIDR_BLOCK");
        }
        rule.ports().ifPresent(p -> {
            NetworkSecurityGroupSecurityRuleArgs.PortRange range = NetworkSecurityGroupSecurityRuleArgs.PortRange
                    .builder().min(p.min()).max(p.max()).build();
            NetworkSecurityGroupSecurityRuleArgs.PortOptions.Builder o =
                    NetworkSecurityGroupSecurityRuleArgs.PortOptions.builder();
            NetworkSecurityGroupSecurityRuleArgs.PortOptions options =
                    rule.direction() == NsgRule.Direction.INGRESS
                            ? o.destinationPortRange(range).build() : o.sourcePortRange(range).build();
            if (rule.protocol() == NsgRule.Protocol.TCP) {
                b.tcpOptions(options);
            } else if (rule.protocol() == NsgRule.Protocol.UDP) {
                b.udpOptions(options);
            }
        });
        rule.icmp().ifPresent(i -> b.icmpOptions(NetworkSecurityGroupSecurityRuleArgs.IcmpOptions.builder()
                .type(i.type()).code(i.code()).build()));
        return b.build();
    }

    /**
     * The first configured availability domain, checked against the tenancy's. Pulumi cannot retry a failed
     * create in another AD; on "Out of host capacity" the user moves the next AD to the front (docs/pulumi.md).
     */
    static String chooseAvailabilityDomain(StackConfig config, GetAvailabilityDomainsResult result) {
        List<String> known = result.availabilityDomains() == null ? List.of()
                : result.availabilityDomains().stream().map(GetAvailabilityDomainsAvailabilityDomain::name)
                        .collect(Collectors.toList());
        String wanted = config.oci().availabilityDomains().get(0);
        if (!known.contains(wanted)) {
            throw new ConfigException("turnkit:availabilityDomains: '" + wanted + "' is not an availability domain "
                    + "of this tenancy/region; it has " + known + " (oci iam availability-domain list)");
        }
        return wanted;
    }

    /** The newest image of the configured OS built for the shape's CPU architecture. */
    static GetImagesImage chooseImage(StackConfig config, GetImagesResult result) {
        boolean arm = config.instance().shape().architecture().equals("arm64");
        List<GetImagesImage> images = result.images() == null ? List.of() : result.images();
        return images.stream()
                .filter(i -> i.displayName() != null && i.displayName().contains("aarch64") == arm)
                .findFirst()
                .orElseThrow(() -> new ConfigException("turnkit:os: no " + operatingSystem(config.instance().os())
                        + " " + operatingSystemVersion(config.instance().os()) + " image for "
                        + config.instance().shape().ociName() + " (" + config.instance().shape().architecture()
                        + ") in this region"));
    }

    /** OCI's operating system name for the image lookup. */
    public static String operatingSystem(HostOs os) {
        return os == HostOs.UBUNTU ? "Canonical Ubuntu" : "Oracle Linux";
    }

    /** The image version the templates are written for. */
    public static String operatingSystemVersion(HostOs os) {
        return os == HostOs.UBUNTU ? "24.04" : "9";
    }

    /** The login user of the platform image. */
    public static String loginUser(HostOs os) {
        return os == HostOs.UBUNTU ? "ubuntu" : "opc";
    }

    public Output<String> publicIp() {
        return publicIp;
    }

    /** Whether the reserved public IP points at the VM's reserved private IP (true after one {@code pulumi up}). */
    public Output<Boolean> publicIpAttached() {
        return publicIpAttached;
    }

    public String privateIp() {
        return privateIp;
    }

    public Output<String> instanceId() {
        return instanceId;
    }

    public Output<String> availabilityDomain() {
        return availabilityDomain;
    }

    public Output<String> imageId() {
        return imageId;
    }
}
