/**
 * The Pulumi program and hand-bound OCI resources. Depends on {@code model}, {@code render}; the Pulumi SDK is confined here.
 */
package dev.turnkit.infra;
