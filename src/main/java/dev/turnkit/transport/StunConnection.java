package dev.turnkit.transport;

import java.net.InetSocketAddress;

/**
 * One client connection to a STUN/TURN server that carries whole frames: STUN messages and ChannelData. Over UDP a
 * frame is a datagram; over TCP and TLS frames are cut from the byte stream (RFC 8489 §6.2.2, RFC 8656 §12.5).
 * Not thread-safe: one user at a time.
 */
public interface StunConnection extends AutoCloseable {

    TransportType type();

    InetSocketAddress remote();

    InetSocketAddress local();

    /** Sends one frame (STUN message or ChannelData; stream ChannelData must already be padded). */
    void send(byte[] frame) throws TransportException;

    /**
     * Receives the next frame, waiting at most until {@code deadline}.
     *
     * @throws TransportTimeoutException if nothing arrives in time
     * @throws TransportException if the connection was refused, reset or closed, or the stream is out of sync
     */
    byte[] receive(Deadline deadline) throws TransportException;

    @Override
    void close();
}
