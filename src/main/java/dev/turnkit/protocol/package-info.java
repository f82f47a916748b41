/**
 * STUN/TURN message codec (RFC 8489, RFC 8656, RFC 5769 vectors). Pure: no sockets, clocks or threads; depends on the JDK only.
 */
package dev.turnkit.protocol;
