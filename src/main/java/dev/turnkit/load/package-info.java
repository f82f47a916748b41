/**
 * {@code turnkit load}: concurrent calls through a TURN server over UDP, TCP or TLS, each a pair of allocations
 * relaying audio-sized packets both ways over bound channels, with RTT, jitter, loss and failure counts. One I/O
 * thread drives every media socket through a selector (TLS through {@link javax.net.ssl.SSLEngine}), so the generator
 * stays cheap next to the server.
 */
package dev.turnkit.load;
