package dev.turnkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressChecksTest {
    private final List<String> problems = new ArrayList<>();
    private final Cidr subnet = Cidr.parse("10.0.0.0/24");

    @Test
    void privateIpMustBeAUsableHostOfTheSubnet() {
        assertThat(AddressChecks.checkPrivateIp(problems, "10.0.0.2", subnet)).isEqualTo("10.0.0.2");
        assertThat(AddressChecks.checkPrivateIp(problems, "10.0.0.254", subnet)).isEqualTo("10.0.0.254");
        assertThat(problems).isEmpty();

        assertThat(AddressChecks.checkPrivateIp(problems, "10.0.0.1", subnet)).isNull();
        assertThat(AddressChecks.checkPrivateIp(problems, "10.0.0.255", subnet)).isNull();
        assertThat(problems).hasSize(2).allSatisfy(p -> assertThat(p)
                .startsWith("turnkit:privateIp: ").contains("OCI reserves").contains("10.0.0.2 to 10.0.0.254"));
    }

    @Test
    void privateIpOutsideTheSubnetOrNotAnAddress() {
        assertThat(AddressChecks.checkPrivateIp(problems, "10.0.1.10", subnet)).isNull();
        assertThat(AddressChecks.checkPrivateIp(problems, "10.0.0", subnet)).isNull();
        assertThat(problems).containsExactly(
                "turnkit:privateIp: 10.0.1.10 — must lie inside turnkit:subnetCidr 10.0.0.0/24",
                "turnkit:privateIp: '10.0.0' — expected an IPv4 address, e.g. 10.0.0.10");
    }

    @Test
    void withoutASubnetOnlyTheSyntaxIsChecked() {
        assertThat(AddressChecks.checkPrivateIp(problems, "10.0.0.0", null)).isEqualTo("10.0.0.0");
        assertThat(AddressChecks.checkPrivateIp(problems, null, subnet)).isNull();
        assertThat(problems).isEmpty();
    }

    @Test
    void publicIpMustBePublicUnicast() {
        assertThat(AddressChecks.checkPublicIp(problems, "203.0.113.10")).isEqualTo("203.0.113.10");
        assertThat(problems).isEmpty();
        for (String notPublic : List.of("10.1.2.3", "100.64.0.1", "127.0.0.1", "169.254.1.1", "224.0.0.1")) {
            assertThat(AddressChecks.checkPublicIp(problems, notPublic)).as(notPublic).isNull();
        }
        assertThat(AddressChecks.checkPublicIp(problems, "turn.example.com")).isNull();
        assertThat(problems).hasSize(6);
        assertThat(problems.get(0)).isEqualTo("turnkit:publicIp: 10.1.2.3 — a private, shared, loopback, "
                + "link-local or multicast address cannot be the reserved public IP; clients reach the relay there "
                + "(external-ip)");
        assertThat(problems.get(5)).isEqualTo(
                "turnkit:publicIp: 'turn.example.com' — expected an IPv4 address (the reserved public IP)");
    }
}
