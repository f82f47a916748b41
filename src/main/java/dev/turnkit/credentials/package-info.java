/**
 * TURN REST credentials (coturn {@code use-auth-secret}) and the HTTPS service that issues them to signed-in Firebase users. Depends on {@code model}; firebase-admin is confined here.
 */
package dev.turnkit.credentials;
