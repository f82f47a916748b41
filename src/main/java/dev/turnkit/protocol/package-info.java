/**
 * STUN/TURN message codec (RFC 8489, RFC 8656, RFC 5769 vectors). Pure: no sockets, clocks or threads; depends on the
 * JDK only. Attributes are records of the sealed {@link dev.turnkit.protocol.Attribute}; each is registered once in
 * {@code AttributeCodec} with its type number, name, decoder and encoder.
 */
package dev.turnkit.protocol;
