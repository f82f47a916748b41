package dev.turnkit.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.turnkit.model.FileSpec;
import dev.turnkit.model.HostSpec;
import dev.turnkit.model.StackConfig;
import dev.turnkit.testsupport.Components;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendered files pass the tools that read them on the host: cloud-init, systemd, sh. */
class HostFilesValidityTest {
    @TempDir
    Path dir;

    static List<FileSpec> files(String stack) {
        return HostRenderer.create().renderHost(Stacks.host(Stacks.load(stack)));
    }

    static FileSpec file(List<FileSpec> files, String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
    }

    @Test
    void everyFileStartsWithTheGeneratedFromComment() {
        for (FileSpec f : files("prod")) {
            if (f.path().startsWith("/etc/turnkit/")) {
                assertThat(f.content()).as("secret files hold only the secret").doesNotContain("generated from");
                continue;
            }
            List<String> head = f.content().lines().limit(2).toList();
            assertThat(head).as(f.path() + " says where it comes from within its first two lines")
                    .anySatisfy(l -> assertThat(l).matches("# generated from templates/\\S+\\.ftl — do not edit on "
                            + "the host"));
        }
    }

    @Test
    void cloudInitWritesExactlyTheRenderedFilesBeforeThePackages() throws IOException {
        List<FileSpec> files = files("prod");
        FileSpec userData = file(files, HostRenderer.CLOUD_INIT_PATH);
        assertThat(userData.content()).startsWith("#cloud-config\n")
                .isEqualTo(HostRenderer.create().renderUserData(Stacks.host(Stacks.load("prod"))));
        Map<?, ?> doc = new ObjectMapper(new YAMLFactory()).readValue(userData.content(), Map.class);
        List<?> writeFiles = (List<?>) doc.get("write_files");
        Map<String, String> written = writeFiles.stream().map(Map.class::cast)
                .collect(Collectors.toMap(m -> (String) m.get("path"), m -> (String) m.get("content")));
        for (FileSpec f : files) {
            if (f != userData) {
                assertThat(written.get(f.path())).as(f.path() + " is embedded byte for byte").isEqualTo(f.content());
            }
        }
        assertThat(written).hasSize(files.size() - 1);
        assertThat(doc.get("packages").toString()).as("Ubuntu installs coturn, certbot and Java from the archive")
                .contains("coturn", "certbot", "openjdk-17-jre-headless");
        assertThat(doc.get("runcmd").toString()).contains("/usr/local/sbin/turnkit-bootstrap");
    }

    @Test
    void cloudInitPassesTheSchemaCheck() throws IOException {
        Path cloudInit = Components.require("cloud-init", Path.of("/usr/bin/cloud-init"),
                "install it with 'apt-get install -y cloud-init' (or run 'bash scripts/setup')");
        for (String stack : List.of("dev", "prod")) {
            for (StackConfig variant : List.of(Stacks.load(stack), osVariant(stack))) {
                Path userData = dir.resolve(stack + "-" + variant.instance().os().key() + ".yaml");
                List<FileSpec> files = HostRenderer.create().renderHost(Stacks.host(variant));
                Files.writeString(userData, file(files, HostRenderer.CLOUD_INIT_PATH).content());
                HostTools.Run r = HostTools.run(dir, List.of(cloudInit.toString(), "schema", "--config-file",
                        userData.toString()));
                assertThat(r.exitCode()).as("cloud-init schema for " + userData.getFileName() + ":\n" + r.output())
                        .isZero();
                assertThat(r.output()).contains("Valid cloud-config");
            }
        }
    }

    static StackConfig osVariant(String stack) throws IOException {
        String yaml = Files.readString(Path.of("stacks", "Pulumi." + stack + ".yaml"));
        return StackConfig.fromYaml(stack, yaml.replace("turnkit:os: ubuntu", "turnkit:os: oracle-linux"));
    }

    @Test
    void systemdUnitsPassVerifyAndTheHardeningScore() throws IOException {
        Path analyze = Components.require("systemd-analyze", Path.of("/usr/bin/systemd-analyze"),
                "install systemd ('apt-get install -y systemd')");
        // The drop-in is checked merged with the packaged unit; verify needs it (and the binaries it names).
        Path packaged = Components.require("coturn's packaged unit", Path.of("/lib/systemd/system/coturn.service"),
                "install coturn with 'apt-get install -y coturn'");
        List<FileSpec> files = files("prod");
        Files.copy(packaged, dir.resolve("coturn.service"));
        Files.createDirectories(dir.resolve("coturn.service.d"));
        Files.writeString(dir.resolve("coturn.service.d/override.conf"),
                file(files, "/etc/systemd/system/coturn.service.d/override.conf").content());
        List<String> units = List.of("turnkit-credentials.service", "turnkit-check.service");
        for (String unit : units) {
            Files.writeString(dir.resolve(unit), file(files, "/etc/systemd/system/" + unit).content());
        }
        // ExecStart= binaries must exist for verify: coturn's turnserver and java (both installed here when the
        // components are; the jar itself is guarded by ConditionPathExists and not needed).
        Components.require("java", Path.of("/usr/bin/java"), "install a JDK ('apt-get install -y openjdk-17-jdk')");
        HostTools.Run verify = HostTools.run(dir, List.of(analyze.toString(), "verify", "--man=no",
                "coturn.service", "turnkit-credentials.service", "turnkit-check.service"));
        assertThat(verify.exitCode()).as("systemd-analyze verify:\n" + verify.output()).isZero();
        assertThat(verify.output()).as("no warnings about our files (unknown keys are only warnings)")
                .doesNotContain("override.conf", "turnkit-");
        for (String unit : List.of("coturn.service", "turnkit-credentials.service", "turnkit-check.service")) {
            HostTools.Run security = HostTools.run(dir, List.of(analyze.toString(), "security", "--offline=true",
                    "--threshold=20", unit));
            assertThat(security.exitCode()).as(unit + " exposure must stay at or below 2.0 (stock coturn: 9.0):\n"
                    + security.output()).isZero();
            assertThat(security.output()).contains("OK");
        }
    }

    @Test
    void sysctlKeysExistInThisKernel() {
        String sysctl = file(files("prod"), "/etc/sysctl.d/60-turn-relay.conf").content();
        List<String> keys = sysctl.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("=")[0].trim()).toList();
        assertThat(keys).contains("net.core.rmem_max", "net.ipv4.ip_local_reserved_ports");
        assertThat(sysctl).as("reserved ports = the relay range")
                .contains("net.ipv4.ip_local_reserved_ports = 49152-50151");
        for (String key : keys) {
            assertThat(Path.of("/proc/sys", key.replace('.', '/'))).as(key + " is a kernel setting").exists();
        }
    }

    @Test
    void shellScriptsParse() {
        Path sh = Components.require("sh", Path.of("/bin/sh"), "a POSIX shell");
        for (StackConfig c : List.of(Stacks.load("prod"), Stacks.load("dev"))) {
            HostSpec host = Stacks.host(c);
            for (FileSpec f : HostRenderer.create().renderHost(host)) {
                if (f.content().startsWith("#!/bin/sh")) {
                    Path script = dir.resolve(f.path().substring(f.path().lastIndexOf('/') + 1));
                    try {
                        Files.writeString(script, f.content());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    HostTools.Run r = HostTools.run(dir, List.of(sh.toString(), "-n", script.toString()));
                    assertThat(r.exitCode()).as(f.path() + " is valid sh:\n" + r.output()).isZero();
                }
            }
        }
    }
}
