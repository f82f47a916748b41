/**
 * {@code turnkit load}: concurrent calls through a TURN server, each a pair of allocations relaying audio-sized
 * packets both ways over bound channels, with RTT, jitter, loss and failure counts. One I/O thread drives every
 * media socket through a selector, so the generator stays far below the server's CPU.
 */
package dev.turnkit.load;
