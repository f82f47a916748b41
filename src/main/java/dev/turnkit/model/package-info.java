/**
 * Typed stack configuration and host specs, with validation. No I/O; depends on the JDK only (Jackson YAML for reading stack files).
 */
package dev.turnkit.model;
