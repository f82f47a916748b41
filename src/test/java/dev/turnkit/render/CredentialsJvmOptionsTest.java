package dev.turnkit.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The credentials endpoint's JVM options live in bin/credentials-jvm.options (bin/turnkit and the benchmark read it)
 * and are repeated in the systemd unit template, which the host renders without the repository: both lists must be
 * the same, or the benchmark would measure a JVM that the host does not run.
 */
class CredentialsJvmOptionsTest {
    private static final Path OPTIONS = Path.of("bin", "credentials-jvm.options");
    private static final Path UNIT = Path.of("templates", "systemd", "turnkit-credentials.service.ftl");

    @Test
    void theUnitRunsTheJvmOptionsTheLauncherAndTheBenchmarkUse() throws Exception {
        List<String> fromFile = Files.readAllLines(OPTIONS).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        Matcher m = Pattern.compile("(?m)^Environment=\"JAVA_TOOL_OPTIONS=([^\"]*)\"$").matcher(Files.readString(UNIT));
        assertThat(m.find()).as("the unit sets JAVA_TOOL_OPTIONS").isTrue();
        assertThat(List.of(m.group(1).trim().split(" +"))).isEqualTo(fromFile);
        assertThat(fromFile).as("a bounded heap and no unbounded native growth")
                .contains("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError").anyMatch(o -> o.startsWith("-Xmx"));
        assertThat(Files.readString(Path.of("bin", "turnkit"))).contains("@\"$root/bin/credentials-jvm.options\"");
        assertThat(Files.readString(Path.of("bench", "credentials", "run.sh"))).contains("bin/credentials-jvm.options");
    }
}
