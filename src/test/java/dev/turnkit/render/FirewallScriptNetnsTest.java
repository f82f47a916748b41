package dev.turnkit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.model.FileSpec;
import dev.turnkit.testsupport.Components;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Ubuntu host-firewall script, run twice in a private network namespace that holds the iptables ruleset of
 * Oracle's Ubuntu images (INPUT ends with a REJECT): every rule lands before the REJECT, exactly once.
 * Needs root (ip netns) and iptables.
 */
class FirewallScriptNetnsTest {
    private static final String OCI_UBUNTU_RULES = dev.turnkit.testsupport.SimulatedHost.OCI_UBUNTU_RULES;

    @TempDir
    Path dir;

    @Test
    void rulesAreInsertedBeforeTheFinalRejectExactlyOnce() throws IOException {
        Path ip = Components.require("ip (iproute2)", Path.of("/usr/sbin/ip"), "apt-get install -y iproute2");
        Components.require("iptables", Path.of("/usr/sbin/iptables"), "apt-get install -y iptables");
        HostTools.requireRoot("ip netns");
        FileSpec script = HostRenderer.create().renderHost(Stacks.host(Stacks.load("prod"))).stream()
                .filter(f -> f.path().equals("/usr/local/sbin/turnkit-firewall")).findFirst().orElseThrow();
        Path scriptFile = dir.resolve("turnkit-firewall");
        Files.writeString(scriptFile, script.content());
        Path rules = dir.resolve("rules.v4");
        Files.writeString(rules, OCI_UBUNTU_RULES);
        // netfilter-persistent would save the namespace's rules into the host's /etc/iptables: a stub records the
        // call instead (the only stand-in here).
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path saved = dir.resolve("saved.log");
        Path stub = bin.resolve("netfilter-persistent");
        Files.writeString(stub, "#!/bin/sh\necho \"$@\" >> '" + saved + "'\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));

        String ns = "turnkit-fw-" + UUID.randomUUID().toString().substring(0, 8);
        HostTools.Run add = HostTools.run(dir, List.of(ip.toString(), "netns", "add", ns));
        assertThat(add.exitCode()).as("ip netns add: " + add.output()).isZero();
        try {
            exec(ip, ns, List.of("iptables-restore", rules.toString()));
            String before = exec(ip, ns, List.of("iptables", "-S", "FORWARD"));
            for (int run = 1; run <= 2; run++) {
                exec(ip, ns, List.of("env", "PATH=" + bin + ":/usr/sbin:/usr/bin:/sbin:/bin", "sh",
                        scriptFile.toString()));
            }
            List<String> input = exec(ip, ns, List.of("iptables", "-S", "INPUT")).lines()
                    .filter(l -> l.startsWith("-A INPUT")).toList();
            List<String> expectedOpen = List.of(
                    "-A INPUT -p udp -m udp --dport 3478 -m comment --comment \"turnkit: STUN/TURN over UDP\" -j ACCEPT",
                    "-A INPUT -p tcp -m tcp --dport 3478 -m comment --comment \"turnkit: STUN/TURN over TCP\" -j ACCEPT",
                    "-A INPUT -p tcp -m tcp --dport 5349 -m comment --comment \"turnkit: TURN over TLS\" -j ACCEPT",
                    "-A INPUT -p tcp -m tcp --dport 443 -m comment --comment \"turnkit: credentials endpoint (HTTPS)\" "
                            + "-j ACCEPT",
                    "-A INPUT -p tcp -m tcp --dport 80 -m comment --comment \"turnkit: ACME http-01 for certbot\" "
                            + "-j ACCEPT",
                    "-A INPUT -p udp -m udp --dport 49152:50151 -m comment --comment \"turnkit: TURN relay ports\" "
                            + "-j ACCEPT");
            assertThat(input).as("the image's rules stay, ours follow them once each, the REJECT stays last")
                    .containsExactly(
                            "-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT",
                            "-A INPUT -p icmp -j ACCEPT",
                            "-A INPUT -i lo -j ACCEPT",
                            "-A INPUT -p udp -m udp --sport 123 -j ACCEPT",
                            "-A INPUT -p tcp -m state --state NEW -m tcp --dport 22 -j ACCEPT",
                            expectedOpen.get(0), expectedOpen.get(1), expectedOpen.get(2), expectedOpen.get(3),
                            expectedOpen.get(4), expectedOpen.get(5),
                            "-A INPUT -j REJECT --reject-with icmp-host-prohibited");
            assertThat(exec(ip, ns, List.of("iptables", "-S", "FORWARD"))).as("FORWARD untouched").isEqualTo(before);
            assertThat(Files.readAllLines(saved)).as("rules saved for reboot on each run").containsExactly("save",
                    "save");
        } finally {
            HostTools.run(dir, List.of(ip.toString(), "netns", "del", ns));
        }
    }

    private String exec(Path ip, String ns, List<String> command) {
        List<String> full = new java.util.ArrayList<>(List.of(ip.toString(), "netns", "exec", ns));
        full.addAll(command);
        HostTools.Run r = HostTools.run(dir, full);
        assertThat(r.exitCode()).as(String.join(" ", command) + ":\n" + r.output()).isZero();
        return r.output();
    }
}
