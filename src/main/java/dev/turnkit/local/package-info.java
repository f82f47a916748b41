/**
 * The local stack: real coturn, emulators and the credentials service as processes on loopback. Depends on {@code model}, {@code render}, {@code credentials}, {@code rules}, {@code check}, {@code process}.
 */
package dev.turnkit.local;
