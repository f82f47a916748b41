package dev.turnkit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated host behaves like the OCI VM the tests stand for: 1:1 NAT, private files, a systemctl stand-in. */
class SimulatedHostTest {
    @Test
    void natMountNamespaceAndSystemctlStandIn() throws Exception {
        String netns;
        String publicIp;
        try (SimulatedHost host = SimulatedHost.builder("tkfb").ociUbuntuFirewall().start()) {
            netns = host.netns();
            publicIp = host.publicIp();

            // Files land at their real paths inside, never on the machine.
            host.writeFile("/etc/tkfb-demo/greeting", "hello from the VM\n", "0600");
            assertThat(host.readFile("/etc/tkfb-demo/greeting")).isEqualTo("hello from the VM\n");
            assertThat(Path.of("/etc/tkfb-demo")).doesNotExist();

            // The host's outbound traffic reaches the root namespace from the public address (SNAT).
            try (ServerSocket internet = new ServerSocket()) {
                internet.bind(new InetSocketAddress(InetAddress.getByName(host.internetIp()), 0));
                internet.setSoTimeout(10_000);
                host.exec(List.of("bash", "-c",
                        "exec 3<>/dev/tcp/" + host.internetIp() + "/" + internet.getLocalPort() + "; echo hi >&3"))
                        .orFail("connect out");
                try (Socket seen = internet.accept()) {
                    assertThat(((InetSocketAddress) seen.getRemoteSocketAddress()).getAddress().getHostAddress())
                            .as("a server outside the NAT sees the public IP").isEqualTo(host.publicIp());
                }
            }

            // A unit started by the systemctl stand-in, reached from the root namespace at the PUBLIC address.
            host.writeFile("/etc/systemd/system/tkfb-demo.service", """
                    [Unit]
                    Description=demo
                    ConditionPathExists=/etc/tkfb-demo/greeting
                    [Service]
                    Type=exec
                    LoadCredential=greeting:/etc/tkfb-demo/greeting
                    Environment="DEMO_FILE=%d/greeting"
                    ExecStart=/usr/bin/python3 -c "import os,socket;s=socket.create_server(('PRIV',8080));g=open(os.environ['DEMO_FILE'],'rb').read();[c.sendall(g) or c.close() for c in iter(lambda: s.accept()[0], None)]"
                    """.replace("PRIV", host.privateIp()), "0644");
            host.exec(List.of("systemctl", "daemon-reload")).orFail("daemon-reload");
            host.exec(List.of("systemctl", "enable", "--now", "tkfb-demo")).orFail("enable --now");
            assertThat(host.exec(List.of("systemctl", "is-active", "--quiet", "tkfb-demo.service")).exitCode())
                    .isZero();

            assertThatThrownBy(() -> read(host.publicIp(), 8080))
                    .as("the image's REJECT keeps the port closed until the firewall opens it")
                    .isInstanceOfAny(ConnectException.class, NoRouteToHostException.class);
            host.exec(List.of("iptables", "-I", "INPUT", "6", "-p", "tcp", "--dport", "8080", "-j", "ACCEPT"))
                    .orFail("open 8080");
            assertThat(read(host.publicIp(), 8080)).as("served through the NAT, credential from %d")
                    .isEqualTo("hello from the VM\n");

            host.exec(List.of("systemctl", "stop", "tkfb-demo")).orFail("stop");
            assertThat(host.exec(List.of("systemctl", "is-active", "tkfb-demo")).exitCode()).isEqualTo(3);
            assertThat(host.exec(List.of("systemctl", "reload", "tkfb-demo")).exitCode()).isNotZero();
            assertThat(host.systemctlLog()).startsWith("daemon-reload", "enable tkfb-demo.service",
                    "start tkfb-demo.service").contains("stop tkfb-demo.service");
            assertThat(host.systemctlLog().get(3)).startsWith("pid tkfb-demo.service ");

            // A long-running process started by the test has a PID on the machine and lives in the host.
            ManagedProcess sleeper = host.spawn("sleeper", List.of("sleep", "600"));
            String self = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
            sleeper.awaitReady(Duration.ofSeconds(10), () -> !self.equals(netnsOf(sleeper.pid())));
            assertThat(run("ip", "netns", "pids", netns)).contains(Long.toString(sleeper.pid()));
        }
        assertThat(run("ip", "netns", "list")).doesNotContain(netns);
        assertThat(run("iptables", "-t", "nat", "-S")).doesNotContain(netns).doesNotContain(publicIp);
        assertThat(run("ip", "-o", "addr")).doesNotContain(netns.replace("-", ""));
    }

    private static String netnsOf(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net")).toString();
        } catch (IOException e) {
            return "";
        }
    }

    private static String read(String ip, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, port), 3000);
            s.setSoTimeout(3000);
            try (InputStream in = s.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return out;
    }
}
