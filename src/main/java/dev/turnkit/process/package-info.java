/**
 * Child processes and loopback ports, shared by every package that starts a server of its own ({@code rules},
 * {@code credentials}, {@code local}): stopping a process by PID, first gracefully and then by force, with a timeout
 * at each step ({@link dev.turnkit.process.ProcessStopper}), and picking a free loopback port
 * ({@link dev.turnkit.process.LoopbackPorts}). JDK only; depends on no other turnkit package. Never looks a process
 * up by name.
 */
package dev.turnkit.process;
