package dev.turnkit.transport;

import java.net.InetSocketAddress;

/**
 * A TURN allocation as the server granted it (RFC 8656 §7.3).
 *
 * @param relayed XOR-RELAYED-ADDRESS: where peers send to reach the client
 * @param mapped XOR-MAPPED-ADDRESS: the client's address as the server saw it (null if the server left it out)
 * @param lifetimeSeconds LIFETIME granted
 */
public record Allocation(InetSocketAddress relayed, InetSocketAddress mapped, long lifetimeSeconds) {
}
