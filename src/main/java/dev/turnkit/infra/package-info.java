/**
 * The Pulumi program and hand-bound OCI resources. Depends on {@code model}, {@code render}; the Pulumi SDK is
 * confined here.
 *
 * <p>{@link dev.turnkit.infra.InfraMain} is what {@code pulumi up} runs; {@link dev.turnkit.infra.TurnStack} is the
 * stack body (free-tier guard, {@link dev.turnkit.infra.TurnHost} component, stack outputs); the host's pieces are
 * {@code HostNetwork}, {@code HostPlacement} and {@code JarUpload}, and {@link dev.turnkit.infra.TurnkitJar} decides
 * whether the VM gets a release or the uploaded laptop build ({@code ReleaseChecksum} fetches a versioned
 * release's {@code turnkit.jar.sha256}, the package's one HTTP request outside Pulumi);
 * {@link dev.turnkit.infra.NsgRules} the cloud firewall table; {@link dev.turnkit.infra.FreeTierLimits} the Always
 * Free allowance; {@link dev.turnkit.infra.Plan} runs the stack offline under {@link dev.turnkit.infra.OfflineOci}
 * mocks for {@code turnkit plan}. The OCI bindings are in {@code dev.turnkit.infra.oci}.
 */
package dev.turnkit.infra;
