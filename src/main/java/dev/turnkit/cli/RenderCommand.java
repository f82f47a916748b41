package dev.turnkit.cli;

import dev.turnkit.model.ConfigException;
import dev.turnkit.model.FileSpec;
import dev.turnkit.model.HostSpec;
import dev.turnkit.model.Json;
import dev.turnkit.model.StackConfig;
import dev.turnkit.render.HostFilesWriter;
import dev.turnkit.render.HostRenderer;
import dev.turnkit.render.SecretValues;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code turnkit render}: writes every host file of a stack into a directory for review. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render the host files (turnserver.conf, cloud-init, systemd units, certbot hook, host "
                + "firewall, sysctl) of a stack into a directory for review.",
            "Secrets are redacted unless --include-secrets. The whole config is validated first: on any problem "
                + "nothing is written."})
final class RenderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--stack", required = true, paramLabel = "NAME",
            description = "Stack to render: reads <stacks-dir>/Pulumi.<NAME>.yaml.")
    String stack;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory to write into; files mirror their host paths (DIR/etc/turnserver.conf ...).")
    Path out;

    @Mixin
    StacksDirOption stacksDirOption;

    @Option(names = "--public-ip", paramLabel = "IP", description = "Use this reserved public IP (preview).")
    String publicIp;

    @Option(names = "--private-ip", paramLabel = "IP", description = "Use this private IP (preview).")
    String privateIp;

    @Option(names = "--include-secrets",
            description = "Write the real TURN secret(s) from turnkit:turnSecretFile / previousTurnSecretFile.")
    boolean includeSecrets;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Path stackFile = stacksDirOption.dir.resolve("Pulumi." + stack + ".yaml");
        List<FileSpec> files;
        StackConfig config;
        try {
            config = StackFiles.load(stacksDirOption.dir, stack);
            if (publicIp != null || privateIp != null) {
                config = config.withAddresses(publicIp, privateIp);
            }
            Path baseDir = stacksDirOption.dir.toAbsolutePath().normalize().getParent();
            List<String> secrets = SecretValues.resolve(config, baseDir, includeSecrets);
            files = HostRenderer.create().renderHost(HostSpec.production(config, secrets));
        } catch (ConfigException e) {
            // One line per problem, then one summary line; nothing has been written yet.
            if (e.problems().size() == 1) {
                throw new CommandFailedException(ExitCode.UNKNOWN, e.problems().get(0) + " (nothing written)");
            }
            for (String problem : e.problems()) {
                err.println("turnkit: " + problem);
            }
            throw new CommandFailedException(ExitCode.UNKNOWN, stackFile + ": " + e.problems().size()
                    + " problems, nothing written");
        }
        for (String warning : config.warnings()) {
            err.println("turnkit: warning: " + warning);
        }
        List<Path> written = HostFilesWriter.write(out, files);
        print(config, files, written);
        return ExitCode.OK.code();
    }

    private void print(StackConfig config, List<FileSpec> files, List<Path> written) throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        if (output.json()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                FileSpec f = files.get(i);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("path", f.path());
                m.put("mode", f.mode());
                m.put("owner", f.owner());
                m.put("secret", f.secret());
                m.put("bytes", f.content().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
                m.put("written", written.get(i).toString());
                list.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("stack", config.stack());
            doc.put("out", out.toString());
            doc.put("secretsIncluded", includeSecrets);
            doc.put("warnings", config.warnings());
            doc.put("files", list);
            stdout.println(Json.pretty().writeValueAsString(doc));
            return;
        }
        stdout.printf("Rendered stack %s into %s (%s):%n", config.stack(), out,
                includeSecrets ? "secrets INCLUDED — keep this directory private" : "secrets redacted");
        for (FileSpec f : files) {
            stdout.printf("  %-4s %-16s %s%s%n", f.mode(), f.owner(), f.path(), f.secret() ? "  (secret)" : "");
        }
    }
}
