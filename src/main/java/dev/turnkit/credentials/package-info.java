/**
 * TURN REST credentials (coturn {@code use-auth-secret}) and the HTTPS service that issues them to signed-in
 * Firebase users: {@link dev.turnkit.credentials.CredentialsServer} (configured by
 * {@link dev.turnkit.credentials.CredentialsServerConfig}; its behaviour is the socket-free
 * {@code CredentialsHandler}, extended through {@link dev.turnkit.credentials.EndpointExtensions}), the {@link dev.turnkit.credentials.CredentialsClient}
 * an app or a health check uses, and {@link dev.turnkit.credentials.AuthEmulator} for local runs and tests.
 * Depends on {@code model} and {@code process}; firebase-admin and Netty (the endpoint's HTTP server) are confined
 * here. API and security model: docs/credentials.md.
 */
package dev.turnkit.credentials;
