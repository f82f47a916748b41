/**
 * Child processes and loopback ports, shared by every package that starts a server of its own ({@code rules},
 * {@code credentials}, {@code local}): picking a free loopback port ({@link dev.turnkit.process.LoopbackPorts}),
 * waiting until the server is ready ({@link dev.turnkit.process.Readiness}), reading its log for error messages
 * ({@link dev.turnkit.process.ProcessLog}), and stopping it by PID, first gracefully and then by force, with a
 * timeout at each step ({@link dev.turnkit.process.ProcessStopper}). JDK only; depends on no other turnkit
 * package. Never looks a process up by name.
 */
package dev.turnkit.process;
