/**
 * Deploys rendered host files over SSH. Depends on {@code model}, {@code render}, {@code check}; sshj is confined here.
 */
package dev.turnkit.deploy;
