package dev.turnkit.transport;

import dev.turnkit.protocol.Attribute;
import dev.turnkit.protocol.ChannelData;
import dev.turnkit.protocol.Message;
import dev.turnkit.protocol.MessageClass;
import dev.turnkit.protocol.Method;
import dev.turnkit.protocol.StunKeys;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A small TURN client (RFC 8656) on one connection: Binding, Allocate with the long-term credential mechanism
 * (RFC 8489 §9.2: the first request is refused with 401 carrying REALM and NONCE, the retry carries USERNAME, REALM,
 * NONCE and MESSAGE-INTEGRITY; a 438 Stale Nonce is retried once with the new nonce), Refresh, CreatePermission,
 * ChannelBind, Send indications and ChannelData. Every call is bounded by a {@link Deadline}. Not thread-safe.
 *
 * <pre>{@code
 * try (TurnClient turn = TurnClient.connect(TransportType.UDP, server, null, RetransmissionPolicy.RFC_DEFAULT, deadline)) {
 *     Allocation a = turn.allocate(username, password, deadline);
 *     turn.createPermission(peer.getAddress(), deadline);
 *     turn.send(peer, bytes);
 * }
 * }</pre>
 */
public final class TurnClient implements AutoCloseable {
    private final StunClient stun;
    private String username;
    private String realm;
    private String nonce;
    private byte[] key;
    private String software;
    private Allocation allocation;

    public TurnClient(StunClient stun) {
        this.stun = Objects.requireNonNull(stun, "stun");
    }

    /** Connects over {@code type} ({@code tls} options are needed for TLS only). */
    public static TurnClient connect(TransportType type, InetSocketAddress server, TlsOptions tls,
            RetransmissionPolicy policy, Deadline deadline) throws TransportException {
        return new TurnClient(new StunClient(Connections.open(type, server, tls, deadline), policy));
    }

    /** Opens a new connection to the TURN server (one call, one new local transport address). */
    @FunctionalInterface
    public interface Opener {
        TurnClient open() throws TransportException;
    }

    /** How often {@link #openAndAllocate} tries another local port after a 437, as libwebrtc's TURN port does. */
    static final int ALLOCATION_MISMATCH_RETRIES = 2;

    /**
     * Opens a connection and allocates on it. A 437 (Allocation Mismatch) to the first Allocate of a new connection
     * means the server still keeps state for this 5-tuple from an earlier client: the OS handed out a local port
     * again (or a NAT reused a mapping) while the server still holds that port's session, e.g. the 401-refused one
     * of an earlier probe or an allocation its client never deleted. RFC 8656 §7.3 lets the client try again from a
     * different client transport address, so this opens another connection, at most
     * {@value #ALLOCATION_MISMATCH_RETRIES} times (docs/check.md, "437 from a fresh port"). The new connection is
     * opened before the refused one is closed, so the OS cannot give it the same port again. Any other failure
     * closes the connection and propagates.
     *
     * @return the client, its allocation made; the caller deletes it ({@link #refresh} 0) and closes the client
     */
    public static TurnClient openAndAllocate(Opener opener, String username, String password, int family,
            Deadline deadline) throws TransportException {
        TurnClient client = opener.open();
        for (int retry = 0;; retry++) {
            try {
                client.allocate(username, password, family, deadline);
                return client;
            } catch (StunErrorException e) {
                if (e.code() != 437 || retry == ALLOCATION_MISMATCH_RETRIES || deadline.expired()) {
                    client.close();
                    throw e;
                }
            } catch (TransportException | RuntimeException e) {
                client.close();
                throw e;
            }
            TurnClient refused = client;
            try {
                client = opener.open();
            } finally {
                refused.close();
            }
        }
    }

    public StunConnection connection() {
        return stun.connection();
    }

    /** The server's SOFTWARE attribute, if any response carried one (version disclosure, design-notes.md §2.6). */
    public Optional<String> software() {
        return Optional.ofNullable(software);
    }

    public Optional<Allocation> allocation() {
        return Optional.ofNullable(allocation);
    }

    /** The REALM the server announced in its 401, once known. */
    public Optional<String> realm() {
        return Optional.ofNullable(realm);
    }

    /** A STUN Binding request (RFC 8489 §3); returns the success response with XOR-MAPPED-ADDRESS. */
    public Message binding(Deadline deadline) throws TransportException {
        return expectSuccess(stun.transact(Message.request(Method.BINDING).fingerprint(), deadline), false);
    }

    /** Allocate a UDP relay (IPv4 unless the server decides otherwise). */
    public Allocation allocate(String username, String password, Deadline deadline) throws TransportException {
        return allocate(username, password, 0, deadline);
    }

    /**
     * Allocate a UDP relay. With {@code username == null} only the unauthenticated first request is sent (to
     * probe that the server demands authentication).
     *
     * @param family 0 for the server default, else {@link Attribute.RequestedAddressFamily#IPV4} or IPV6
     * @throws StunErrorException the server refused (e.g. 401 wrong credentials, 440 address family not supported,
     *     486 quota, 508 cannot create the relay socket)
     */
    public Allocation allocate(String username, String password, int family, Deadline deadline)
            throws TransportException {
        List<Attribute> attrs = new ArrayList<>();
        attrs.add(new Attribute.RequestedTransport(Attribute.RequestedTransport.UDP));
        if (family != 0) {
            attrs.add(new Attribute.RequestedAddressFamily(family));
        }
        Message response = stun.transact(Message.request(Method.ALLOCATE).addAll(attrs).fingerprint(), deadline);
        if (isError(response, 401) && username != null) {
            this.username = username;
            this.realm = response.get(Attribute.Realm.class).map(Attribute.Realm::value).orElse("");
            this.nonce = response.get(Attribute.Nonce.class).map(Attribute.Nonce::value).orElse("");
            this.key = StunKeys.longTerm(username, realm, password);
            response = authenticated(Method.ALLOCATE, attrs, deadline);
        }
        Message ok = expectSuccess(response, key != null);
        InetSocketAddress relayed = ok.get(Attribute.XorRelayedAddress.class)
                .map(Attribute.XorRelayedAddress::address)
                .orElseThrow(() -> new TransportException("Allocate success without XOR-RELAYED-ADDRESS"));
        InetSocketAddress mapped = ok.get(Attribute.XorMappedAddress.class).map(Attribute.XorMappedAddress::address)
                .orElse(null);
        long lifetime = ok.get(Attribute.Lifetime.class).map(Attribute.Lifetime::seconds).orElse(0L);
        allocation = new Allocation(relayed, mapped, lifetime);
        return allocation;
    }

    /** Refresh (RFC 8656 §8); {@code lifetimeSeconds == 0} deletes the allocation. Returns the granted lifetime. */
    public long refresh(long lifetimeSeconds, Deadline deadline) throws TransportException {
        List<Attribute> attrs = List.of(new Attribute.Lifetime(lifetimeSeconds));
        // an allocation made without credentials (a server without auth: an open relay) is refreshed unsigned
        Message ok = key == null && allocation != null
                ? expectSuccess(stun.transact(Message.request(Method.REFRESH).addAll(attrs).fingerprint(), deadline),
                        false)
                : expectSuccess(authenticated(Method.REFRESH, attrs, deadline), true);
        if (lifetimeSeconds == 0) {
            allocation = null;
        }
        return ok.get(Attribute.Lifetime.class).map(Attribute.Lifetime::seconds).orElse(lifetimeSeconds);
    }

    /** CreatePermission for one peer IP (RFC 8656 §9, §10); the port is irrelevant to permissions. */
    public void createPermission(InetAddress peer, Deadline deadline) throws TransportException {
        expectSuccess(authenticated(Method.CREATE_PERMISSION, List.of(peerAttribute(peer, 0)), deadline), true);
    }

    /**
     * One CreatePermission per peer, all in flight at once. Returns the raw response per peer (success or error),
     * empty where none arrived in time. Used to sweep many peers quickly.
     */
    public List<Optional<Message>> createPermissions(List<InetAddress> peers, Deadline deadline)
            throws TransportException {
        requireAuth();
        List<Message.Builder> requests = new ArrayList<>();
        for (InetAddress peer : peers) {
            requests.add(signed(Message.request(Method.CREATE_PERMISSION).add(peerAttribute(peer, 0))));
        }
        List<Optional<Message>> responses = stun.transactAll(requests, deadline);
        // a stale nonce (438) invalidates the whole batch: take the new nonce and resend the affected requests once
        List<Integer> stale = new ArrayList<>();
        for (int i = 0; i < responses.size(); i++) {
            Optional<Message> r = responses.get(i);
            if (r.isPresent() && isError(r.get(), 438)) {
                takeNonce(r.get());
                stale.add(i);
            }
        }
        if (!stale.isEmpty()) {
            List<Message.Builder> retry = new ArrayList<>();
            for (int i : stale) {
                retry.add(signed(Message.request(Method.CREATE_PERMISSION).add(peerAttribute(peers.get(i), 0))));
            }
            List<Optional<Message>> again = stun.transactAll(retry, deadline);
            List<Optional<Message>> merged = new ArrayList<>(responses);
            for (int k = 0; k < stale.size(); k++) {
                merged.set(stale.get(k), again.get(k));
            }
            responses = merged;
        }
        return responses;
    }

    /** ChannelBind (RFC 8656 §12.1): binds {@code channel} (0x4000..0x4FFF) to {@code peer}, also a permission. */
    public void channelBind(int channel, InetSocketAddress peer, Deadline deadline) throws TransportException {
        expectSuccess(authenticated(Method.CHANNEL_BIND, List.of(new Attribute.ChannelNumber(channel),
                new Attribute.XorPeerAddress(peer)), deadline), true);
    }

    /** A Send indication (RFC 8656 §11.2): {@code data} to {@code peer} through the relay. */
    public void send(InetSocketAddress peer, byte[] data) throws TransportException {
        stun.send(Message.indication(Method.SEND).add(new Attribute.XorPeerAddress(peer))
                .add(new Attribute.Data(data)).encode());
    }

    /** ChannelData to the peer bound to {@code channel} (padded on streams, RFC 8656 §12.5). */
    public void sendChannelData(int channel, byte[] data) throws TransportException {
        stun.send(new ChannelData(channel, data).encode(stun.connection().type().isStream()));
    }

    /**
     * Data relayed from a peer.
     *
     * @param peer the peer (from a Data indication's XOR-PEER-ADDRESS), or null for ChannelData
     * @param channel the channel number for ChannelData, or 0 for a Data indication
     * @param data the application data
     */
    public record PeerData(InetSocketAddress peer, int channel, byte[] data) {
    }

    /** The next data relayed from a peer (Data indication or ChannelData); other indications are skipped. */
    public PeerData receive(Deadline deadline) throws TransportException {
        while (true) {
            StunClient.Inbound in = stun.receiveInbound(deadline);
            if (in instanceof StunClient.Channel c) {
                return new PeerData(null, c.data().channel(), c.data().data());
            }
            Message m = ((StunClient.Indication) in).message();
            if (m.method().equals(Method.DATA)) {
                Optional<Attribute.Data> data = m.get(Attribute.Data.class);
                Optional<Attribute.XorPeerAddress> peer = m.get(Attribute.XorPeerAddress.class);
                if (data.isPresent() && peer.isPresent()) {
                    return new PeerData(peer.get().address(), 0, data.get().value());
                }
            }
        }
    }

    private Message authenticated(Method method, List<Attribute> attrs, Deadline deadline)
            throws TransportException {
        requireAuth();
        Message response = stun.transact(signed(Message.request(method).addAll(attrs)), deadline);
        if (isError(response, 438)) {
            takeNonce(response);
            response = stun.transact(signed(Message.request(method).addAll(attrs)), deadline);
        }
        return response;
    }

    private Message.Builder signed(Message.Builder b) {
        return b.add(new Attribute.Username(username)).add(new Attribute.Realm(realm))
                .add(new Attribute.Nonce(nonce)).messageIntegrity(key).fingerprint();
    }

    private void takeNonce(Message response) {
        response.get(Attribute.Nonce.class).ifPresent(n -> nonce = n.value());
        response.get(Attribute.Realm.class).ifPresent(r -> realm = r.value());
    }

    private void requireAuth() {
        if (key == null) {
            throw new IllegalStateException("allocate with credentials first");
        }
    }

    private static Attribute peerAttribute(InetAddress peer, int port) {
        return new Attribute.XorPeerAddress(new InetSocketAddress(peer, port));
    }

    private static boolean isError(Message m, int code) {
        return m.messageClass() == MessageClass.ERROR_RESPONSE
                && m.error().map(e -> e.code() == code).orElse(false);
    }

    private Message expectSuccess(Message response, boolean afterAuth) throws StunErrorException {
        response.get(Attribute.Software.class).ifPresent(s -> software = s.value());
        if (response.messageClass() == MessageClass.SUCCESS_RESPONSE) {
            if (afterAuth && response.get(Attribute.MessageIntegrity.class).isPresent()
                    && !response.verifyMessageIntegrity(key)) {
                throw new StunErrorException(response.method(), 500,
                        "success response with a MESSAGE-INTEGRITY that does not verify (RFC 8489 §9.2.5): "
                                + "not the server we authenticated with, or a tampering middlebox", true);
            }
            return response;
        }
        throw StunErrorException.of(response, afterAuth);
    }

    /** Closes the connection (the server frees the allocation when it expires; call {@link #refresh} with 0 first). */
    @Override
    public void close() {
        stun.close();
    }
}
