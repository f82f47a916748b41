package dev.turnkit.cli;

import dev.turnkit.model.ReleaseAssets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code turnkit plan}: runs the Pulumi stack program offline under mocks (no engine, no cloud credentials) and
 * prints its resources, the cloud firewall and the free-tier verdict. The Pulumi SDK is only loaded when this
 * command runs ({@link PlanRunner}), so other commands start without it.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Preview the Pulumi stack offline, under mocks: resources, firewall, free-tier verdict.",
            "Needs no cloud credentials; with an OCI config file (--config-file, default ~/.oci/config) the",
            "free-tier verdict uses the tenancy's live limits (read-only requests), otherwise built-in figures.",
            "Exit 2 when the stack breaks the free-tier or firewall policy."})
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--stack", required = true, paramLabel = "NAME",
            description = "Stack name: reads <stacks-dir>/Pulumi.<NAME>.yaml.")
    String stack;

    @Mixin
    StacksDirOption stacksDirOption;

    @Mixin
    OciOptions oci;

    @Option(names = "--project-dir", paramLabel = "DIR", defaultValue = ".",
            description = {"Pulumi project directory, where pulumi up runs (default: the current directory).",
                "Without a release (turnkit:turnkitVersion or turnkit:turnkitJarUrl) the stack uploads its",
                "target/turnkit.jar; plan needs it too. With turnkit:turnkitVersion, plan fetches the release's",
                "turnkit.jar.sha256 (HTTPS) as pulumi up does."})
    Path projectDir;

    @Option(names = "--release-base-url", hidden = true, paramLabel = "URL", defaultValue = ReleaseAssets.GITHUB,
            description = "Fetch a turnkit:turnkitVersion release's turnkit.jar.sha256 from this base instead of"
                    + " https://github.com (tests); the VM still downloads from GitHub.")
    String releaseBaseUrl;

    @Option(names = "--offline-limits",
            description = "Check against the built-in Always Free figures even when an OCI config file exists.")
    boolean offlineLimits;

    @Override
    public Integer call() {
        return PlanRunner.run(stacksDirOption.dir, stack, projectDir, releaseBaseUrl, output.json(),
                spec.commandLine().getOut(), offlineLimits
                ? config -> dev.turnkit.infra.FreeTierLimits.Allowance.ALWAYS_FREE
                : OciRunner.planAllowance(oci.configFile, oci.profile, oci.caFile, oci.endpoint));
    }
}
