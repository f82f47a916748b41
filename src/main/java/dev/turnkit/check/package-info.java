/**
 * Health and security checks against a TURN server, and the runner that executes them concurrently under one
 * deadline. Depends on {@code transport}, {@code protocol}, {@code credentials}, {@code model}.
 *
 * <p>Entry points: describe the server with {@link dev.turnkit.check.TurnTarget} (credentials from a
 * {@link dev.turnkit.check.CredentialSource}), pick checks with {@link dev.turnkit.check.Checks}, run them with
 * {@link dev.turnkit.check.CheckRunner}, read the {@link dev.turnkit.check.CheckReport}. The public API uses only
 * JDK types and this package's, so callers need not depend on {@code transport}.
 */
package dev.turnkit.check;
