/**
 * {@code turnkit load}: concurrent calls through a TURN server over UDP, TCP or TLS, each a pair of allocations
 * relaying audio-sized packets both ways over bound channels, with RTT, jitter, loss and failure counts. Over UDP and
 * TCP one I/O thread drives every media socket through a selector, so the generator stays cheap next to the server;
 * over TLS each connection has a reader thread.
 */
package dev.turnkit.load;
