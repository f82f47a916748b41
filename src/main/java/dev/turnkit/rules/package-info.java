/**
 * Firestore security rules: the emulator controller ({@link dev.turnkit.rules.FirestoreEmulator}, also used by
 * {@code turnkit local up}), the scenario suite of the signaling data model ({@link dev.turnkit.rules.SignalingScenarios}
 * run by {@link dev.turnkit.rules.ScenarioRunner}), deploy and diff through the Firebase Rules API over REST
 * ({@link dev.turnkit.rules.RulesApiClient}, {@link dev.turnkit.rules.RulesDeployer}), and session pruning
 * ({@link dev.turnkit.rules.SessionPruner}). Depends on {@code model} and {@code process}; google-auth-library and
 * google-cloud-firestore are confined here.
 */
package dev.turnkit.rules;
