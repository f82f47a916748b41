/**
 * UDP, TCP and TLS transports for STUN/TURN: stream framing, transactions with RFC retransmission, timeouts. Depends on {@code protocol}.
 */
package dev.turnkit.transport;
