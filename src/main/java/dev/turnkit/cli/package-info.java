/**
 * The {@code turnkit} command line (picocli): thin commands, one error policy, Nagios-style exit codes. May depend on every other package; nothing depends on it.
 */
package dev.turnkit.cli;
