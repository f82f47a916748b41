package dev.turnkit.model;

/**
 * Where {@code turnkit rules deploy --stack NAME} deploys: the stack's Firebase project and Firestore database, the
 * same values the stack exports as {@code firebaseProjectId} and {@code firestoreDatabase}.
 *
 * @param projectId  {@code turnkit:firebaseProjectId}
 * @param databaseId the Firestore database, {@code (default)} when the stack has no Firebase side
 */
public record RulesTarget(String projectId, String databaseId) {
    public static RulesTarget of(StackConfig config) {
        return new RulesTarget(config.credentials().firebaseProjectId(), config.firebase()
                .map(StackConfig.Firebase::databaseId).orElse(StackConfig.Firebase.DEFAULT_DATABASE));
    }
}
