package dev.turnkit.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks of the VM's two addresses, shared by parsing a stack and by {@link StackConfig#withAddresses} (a
 * preview with other addresses): the private IP must be a usable host address of the subnet, the public IP a
 * public unicast address. Each problem is one line naming the key.
 */
final class AddressChecks {
    private AddressChecks() {
    }

    /** {@code ip} when it is a usable address of {@code subnet} (or no subnet is known); else null and a problem. */
    static String checkPrivateIp(List<String> problems, String ip, Cidr subnet) {
        if (ip == null) {
            return null;
        }
        long v = Ipv4.parse(ip);
        if (v < 0) {
            problems.add(StackKeys.PRIVATE_IP + ": '" + ip + "' — expected an IPv4 address, e.g. 10.0.0.10");
            return null;
        }
        if (subnet != null) {
            if (!subnet.contains(v)) {
                problems.add(StackKeys.PRIVATE_IP + ": " + ip + " — must lie inside " + StackKeys.SUBNET_CIDR + " "
                        + subnet);
                return null;
            }
            if (v < subnet.first() + 2 || v == subnet.last()) {
                problems.add(StackKeys.PRIVATE_IP + ": " + ip + " — OCI reserves the first two and the last address "
                        + "of subnet " + subnet + "; choose one from " + Ipv4.format(subnet.first() + 2) + " to "
                        + Ipv4.format(subnet.last() - 1));
                return null;
            }
        }
        return ip;
    }

    /** {@code ip} when it is a public unicast IPv4 address; else null and a problem. */
    static String checkPublicIp(List<String> problems, String ip) {
        if (ip == null) {
            return null;
        }
        if (!Ipv4.isValid(ip)) {
            problems.add(StackKeys.PUBLIC_IP + ": '" + ip + "' — expected an IPv4 address (the reserved public IP)");
            return null;
        }
        if (!Ipv4.isPublicUnicast(ip)) {
            problems.add(StackKeys.PUBLIC_IP + ": " + ip + " — a private, shared, loopback, link-local or multicast "
                    + "address cannot be the reserved public IP; clients reach the relay there (external-ip)");
            return null;
        }
        return ip;
    }

    /** {@code c} with the given addresses (null keeps the stack's), checked as the stack's own are. */
    static StackConfig withAddresses(StackConfig c, String publicIp, String privateIp) {
        List<String> problems = new ArrayList<>();
        String pub = publicIp == null ? c.network().publicIp().orElse(null) : checkPublicIp(problems, publicIp);
        String priv = privateIp == null ? c.network().privateIp()
                : checkPrivateIp(problems, privateIp, c.network().subnetCidr());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new StackConfig(c.stack(), c.domain(),
                new StackConfig.Network(Optional.ofNullable(pub), priv, c.network().vcnCidr(),
                        c.network().subnetCidr()),
                c.ports(), c.instance(), c.coturn(), c.access(), c.credentials(), c.secrets(), c.oci(), c.release(),
                c.check(), c.firebase());
    }
}
