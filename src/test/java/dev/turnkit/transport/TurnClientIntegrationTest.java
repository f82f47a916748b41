package dev.turnkit.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnkit.credentials.TurnRestCredentials;
import dev.turnkit.protocol.Attribute;
import dev.turnkit.testsupport.CoturnServer;
import dev.turnkit.testsupport.TestCertificates;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The TURN client against a real coturn 4.6.1 on loopback (relay to loopback allowed for the echo). */
class TurnClientIntegrationTest {
    @TempDir
    static Path certDir;
    static TestCertificates.Pem cert;
    static CoturnServer turn;

    @BeforeAll
    static void start() {
        cert = TestCertificates.selfSigned(certDir, "turn", 0, 365);
        turn = CoturnServer.builder().tls(cert)
                .line("cli-password=test-only-not-used")
                .line("allow-loopback-peers")
                .start();
    }

    @AfterAll
    static void stop() {
        if (turn != null) {
            turn.close();
        }
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(15));
    }

    private static TurnRestCredentials credentials() {
        return TurnRestCredentials.issue(turn.secret().getBytes(StandardCharsets.UTF_8), "it", Duration.ofMinutes(5),
                Instant.now());
    }

    private static TurnClient connect(TransportType type) throws TransportException {
        int port = type == TransportType.TLS ? turn.tlsPort() : turn.port();
        return TurnClient.connect(type, new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                TlsOptions.verifying("localhost").withCaFile(cert.cert()), RetransmissionPolicy.RFC_DEFAULT, deadline());
    }

    @ParameterizedTest
    @EnumSource(TransportType.class)
    void allocateRefreshAndReleaseOverEveryTransport(TransportType type) throws Exception {
        TurnRestCredentials c = credentials();
        try (TurnClient client = connect(type)) {
            Allocation a = client.allocate(c.username(), c.password(), deadline());
            assertThat(a.relayed().getAddress().isLoopbackAddress()).as("relayed address on loopback").isTrue();
            assertThat(a.lifetimeSeconds()).isPositive();
            assertThat(client.realm()).contains(CoturnServer.DEFAULT_REALM);
            assertThat(client.refresh(300, deadline())).isPositive();
            assertThat(client.refresh(0, deadline())).isZero();
            assertThat(client.allocation()).isEmpty();
        }
    }

    @Test
    void wrongPasswordGets401AfterAuthentication() throws Exception {
        TurnRestCredentials c = credentials();
        try (TurnClient client = connect(TransportType.UDP)) {
            assertThatThrownBy(() -> client.allocate(c.username(), c.password() + "x", deadline()))
                    .isInstanceOfSatisfying(StunErrorException.class, e -> {
                        assertThat(e.code()).isEqualTo(401);
                        assertThat(e.afterAuthentication()).isTrue();
                    });
        }
    }

    /**
     * A local port whose 5-tuple coturn still remembers with another USERNAME: an earlier client was refused (401,
     * wrong password) from it and went away without a word, and the port is free again.
     */
    private static int rememberedPort(InetSocketAddress server) throws Exception {
        TurnRestCredentials earlier = TurnRestCredentials.issue(turn.secret().getBytes(StandardCharsets.UTF_8),
                "earlier", Duration.ofMinutes(5), Instant.now());
        try (TurnClient gone = udpFrom(server, 0)) {
            assertThatThrownBy(() -> gone.allocate(earlier.username(), earlier.password() + "x", deadline()))
                    .isInstanceOfSatisfying(StunErrorException.class, e -> assertThat(e.code()).isEqualTo(401));
            return gone.connection().local().getPort();
        }
    }

    private static TurnClient udpFrom(InetSocketAddress server, int localPort) throws TransportException {
        return new TurnClient(new StunClient(UdpConnection.open(server, localPort), RetransmissionPolicy.RFC_DEFAULT));
    }

    @Test
    void a437FromAPortTheServerStillRemembersIsRetriedFromAnotherPortAndTheThirdOneInARowIsReported()
            throws Exception {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), turn.port());
        TurnRestCredentials c = credentials();
        int remembered = rememberedPort(server);
        try (TurnClient plain = udpFrom(server, remembered)) {
            assertThatThrownBy(() -> plain.allocate(c.username(), c.password(), deadline()))
                    .as("the server's answer to a new client on that port")
                    .isInstanceOfSatisfying(StunErrorException.class, e -> {
                        assertThat(e.code()).isEqualTo(437);
                        assertThat(e.reason()).isEqualTo("Allocation mismatch: wrong credentials");
                    });
        }
        int again = rememberedPort(server);
        List<Integer> ports = new ArrayList<>();
        try (TurnClient client = TurnClient.openAndAllocate(() -> {
            TurnClient t = udpFrom(server, ports.isEmpty() ? again : 0);
            ports.add(t.connection().local().getPort());
            return t;
        }, c.username(), c.password(), 0, deadline())) {
            assertThat(ports).hasSize(2).startsWith(again);
            assertThat(client.connection().local().getPort()).isEqualTo(ports.get(1)).isNotEqualTo(again);
            assertThat(client.allocation()).isPresent();
            client.refresh(0, deadline());
        }

        List<Integer> taken = new ArrayList<>(List.of(rememberedPort(server), rememberedPort(server),
                rememberedPort(server)));
        List<TurnClient> opened = new ArrayList<>();
        assertThatThrownBy(() -> TurnClient.openAndAllocate(() -> {
            TurnClient t = udpFrom(server, taken.remove(0));
            opened.add(t);
            return t;
        }, c.username(), c.password(), 0, deadline()))
                .isInstanceOfSatisfying(StunErrorException.class, e -> assertThat(e.code()).isEqualTo(437));
        assertThat(opened).as("three tries, each from its own port").hasSize(3);
        for (TurnClient t : opened) {
            assertThatThrownBy(() -> t.send(server, new byte[] {1})).as("every refused connection closed")
                    .isInstanceOf(TransportException.class);
        }
    }

    @Test
    void unauthenticatedAllocateGets401() throws Exception {
        try (TurnClient client = connect(TransportType.UDP)) {
            assertThatThrownBy(() -> client.allocate(null, null, deadline()))
                    .isInstanceOfSatisfying(StunErrorException.class, e -> {
                        assertThat(e.code()).isEqualTo(401);
                        assertThat(e.afterAuthentication()).isFalse();
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(TransportType.class)
    void dataIsRelayedBetweenTwoAllocationsByIndicationsAndChannels(TransportType type) throws Exception {
        TurnRestCredentials c = credentials();
        try (TurnClient a = connect(type); TurnClient b = connect(TransportType.UDP)) {
            Allocation ra = a.allocate(c.username(), c.password(), deadline());
            Allocation rb = b.allocate(c.username(), c.password(), deadline());
            a.createPermission(rb.relayed().getAddress(), deadline());
            b.createPermission(ra.relayed().getAddress(), deadline());

            a.send(rb.relayed(), "hello".getBytes(StandardCharsets.UTF_8));
            TurnClient.PeerData atB = b.receive(deadline());
            assertThat(new String(atB.data(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(atB.peer()).as("the Data indication names A's relayed address").isEqualTo(ra.relayed());

            a.channelBind(0x4001, rb.relayed(), deadline());
            b.channelBind(0x4002, ra.relayed(), deadline());
            a.sendChannelData(0x4001, new byte[] {1, 2, 3, 4, 5});
            TurnClient.PeerData viaChannel = b.receive(deadline());
            assertThat(viaChannel.channel()).isEqualTo(0x4002);
            assertThat(viaChannel.data()).containsExactly(1, 2, 3, 4, 5);
            b.sendChannelData(0x4002, new byte[] {9});
            assertThat(a.receive(deadline()).data()).containsExactly(9);
        }
    }

    @Test
    void bindingReportsTheMappedAddress() throws Exception {
        try (TurnClient client = connect(TransportType.TCP)) {
            var response = client.binding(deadline());
            assertThat(response.get(Attribute.XorMappedAddress.class).orElseThrow().address().getPort())
                    .isEqualTo(client.connection().local().getPort());
        }
    }

    @Test
    void tlsExposesThePeerChainAndRejectsWrongNamesAndUnknownCas() throws Exception {
        InetSocketAddress tls = new InetSocketAddress(InetAddress.getLoopbackAddress(), turn.tlsPort());
        try (TlsConnection c = Connections.tls(tls, TlsOptions.verifying("127.0.0.1").withCaFile(cert.cert()),
                deadline())) {
            assertThat(c.peerChain()).hasSize(1);
            assertThat(c.peerChain().get(0).getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        }
        assertThatThrownBy(() -> Connections.tls(tls, TlsOptions.verifying("turn.example.org").withCaFile(cert.cert()),
                deadline())).isInstanceOfSatisfying(TlsHandshakeException.class, e -> {
                    assertThat(e.problem()).isEqualTo(TlsHandshakeException.Problem.HOSTNAME_MISMATCH);
                    assertThat(e.presentedChain()).hasSize(1);
                });
        assertThatThrownBy(() -> Connections.tls(tls, TlsOptions.verifying("localhost"), deadline()))
                .as("a self-signed certificate is not trusted by the JDK store")
                .isInstanceOfSatisfying(TlsHandshakeException.class,
                        e -> assertThat(e.problem()).isEqualTo(TlsHandshakeException.Problem.UNTRUSTED));
    }
}
