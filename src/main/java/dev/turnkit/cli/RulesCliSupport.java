package dev.turnkit.cli;

import dev.turnkit.model.Json;
import dev.turnkit.rules.GoogleRequestCredentials;
import dev.turnkit.rules.RulesApiClient;
import dev.turnkit.rules.RulesCompileException;
import dev.turnkit.rules.RulesException;
import dev.turnkit.rules.RulesIssue;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the rules and sessions commands share: API options, error mapping, JSON output. */
final class RulesCliSupport {
    private RulesCliSupport() {
    }

    /** Options of the commands that talk to the Rules API. */
    static final class ApiOptions {
        @Option(names = "--project", description = "Firebase/Google Cloud project ID (default: the stack's).")
        String project;

        @Option(names = "--database", description = "Named Firestore database (default: the stack's, else"
                + " (default)).")
        String database;

        @Option(names = "--stack", paramLabel = "NAME", description = "Take the project and database from the"
                + " stack (<stacks-dir>/Pulumi.<NAME>.yaml: turnkit:firebaseProjectId, turnkit:firestoreDatabase;"
                + " the stack outputs firebaseProjectId and firestoreDatabase carry the same values).")
        String stack;

        @Mixin
        StacksDirOption stacksDirOption;

        @Option(names = "--credentials", paramLabel = "FILE",
                description = "Service-account JSON key (default: Application Default Credentials).")
        Path credentials;

        @Option(names = "--quota-project", paramLabel = "PROJECT",
                description = "Project billed for quota (x-goog-user-project); needed with end-user credentials that"
                        + " name none (default: GOOGLE_CLOUD_QUOTA_PROJECT, else the credentials' quota_project_id).")
        String quotaProject;

        @Option(names = "--rules", paramLabel = "FILE", defaultValue = "firestore.rules",
                description = "Rules file (default: ${DEFAULT-VALUE}).")
        Path rules;

        @Option(names = "--rules-api-url", hidden = true, defaultValue = "https://firebaserules.googleapis.com/v1/")
        URI rulesApiUrl;

        @Option(names = "--resource-manager-url", hidden = true,
                defaultValue = "https://cloudresourcemanager.googleapis.com/v1/")
        URI resourceManagerUrl;

        /** {@code --project}, else the stack's project id; bad input when there is neither. */
        String project() {
            if (project != null) {
                return project;
            }
            if (stack == null) {
                throw new IllegalArgumentException("pass --project PROJECT or --stack NAME (whose"
                        + " turnkit:firebaseProjectId names the project)");
            }
            return stackTarget().projectId();
        }

        /** {@code --database}, else the stack's Firestore database (null: the default database). */
        String database() {
            if (database != null || stack == null) {
                return database;
            }
            return stackTarget().databaseId();
        }

        private dev.turnkit.model.RulesTarget stackTarget() {
            return dev.turnkit.model.RulesTarget.of(StackFiles.load(stacksDirOption.dir, stack));
        }

        RulesApiClient client() {
            String quota = quotaProject != null ? quotaProject
                    : System.getenv(GoogleRequestCredentials.QUOTA_PROJECT_ENV);
            GoogleRequestCredentials tokens = GoogleRequestCredentials.load(credentials, quota);
            return new RulesApiClient(rulesApiUrl, resourceManagerUrl, tokens, Duration.ofSeconds(30));
        }
    }


    /** Runs {@code body}, turning rules failures into the CLI's exit-code policy. */
    static Integer guarded(PrintWriter err, Callable<Integer> body) throws Exception {
        try {
            return body.call();
        } catch (RulesCompileException e) {
            for (RulesIssue issue : e.issues()) {
                err.println(issue.format());
            }
            throw new CommandFailedException(ExitCode.UNKNOWN, e.getMessage(), e);
        } catch (RulesException e) {
            ExitCode code = e.kind() == RulesException.Kind.BAD_INPUT ? ExitCode.UNKNOWN : ExitCode.CRITICAL;
            throw new CommandFailedException(code, e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCode.UNKNOWN, e.getMessage(), e);
        }
    }

    static void printJson(PrintWriter out, Object value) {
        try {
            out.println(Json.pretty().writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
