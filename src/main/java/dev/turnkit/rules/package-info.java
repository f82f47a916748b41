/**
 * Firestore security rules: emulator tests, deploy through the Firebase Rules API (REST), session pruning. Depends on {@code model}; google-auth-library and google-cloud-firestore are confined here.
 */
package dev.turnkit.rules;
