package dev.turnkit.infra;

import com.pulumi.resources.CustomResourceOptions;
import dev.turnkit.infra.oci.InternetGateway;
import dev.turnkit.infra.oci.InternetGatewayArgs;
import dev.turnkit.infra.oci.NetworkSecurityGroup;
import dev.turnkit.infra.oci.NetworkSecurityGroupArgs;
import dev.turnkit.infra.oci.NetworkSecurityGroupSecurityRule;
import dev.turnkit.infra.oci.NetworkSecurityGroupSecurityRuleArgs;
import dev.turnkit.infra.oci.RouteTable;
import dev.turnkit.infra.oci.RouteTableArgs;
import dev.turnkit.infra.oci.SecurityList;
import dev.turnkit.infra.oci.SecurityListArgs;
import dev.turnkit.infra.oci.Subnet;
import dev.turnkit.infra.oci.SubnetArgs;
import dev.turnkit.infra.oci.Vcn;
import dev.turnkit.infra.oci.VcnArgs;
import dev.turnkit.model.StackConfig;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The TURN host's network and cloud firewall, children of {@link TurnHost}: VCN, internet gateway, route table, an
 * empty security list, a regional subnet, and a network security group with one rule per stable key.
 *
 * @param subnet the subnet the reserved private IP and the VM live in
 * @param nsg    the network security group of the VM's VNIC
 */
record HostNetwork(Subnet subnet, NetworkSecurityGroup nsg) {
    /** Creates the network of host {@code name}; every child gets {@code child} (parented to the host). */
    static HostNetwork create(String name, StackConfig config, SortedMap<String, NsgRule> firewall,
            CustomResourceOptions child, Map<String, String> tags) {
        String compartment = config.oci().compartmentId();
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

        NetworkSecurityGroup nsg = new NetworkSecurityGroup(name + "-nsg", NetworkSecurityGroupArgs.builder()
                .compartmentId(compartment)
                .vcnId(vcn.id())
                .displayName(name + "-nsg")
                .freeformTags(tags)
                .build(), child);
        for (NsgRule rule : firewall.values()) {
            new NetworkSecurityGroupSecurityRule(ruleName(name, rule), ruleArgs(nsg, rule), child);
        }
        return new HostNetwork(subnet, nsg);
    }

    /** {@code <host>-fw-<key>}: the rule's key, never its position, names the resource. */
    static String ruleName(String hostName, NsgRule rule) {
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
}
