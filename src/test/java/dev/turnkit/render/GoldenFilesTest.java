package dev.turnkit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.model.FileSpec;
import dev.turnkit.model.HostSpec;
import dev.turnkit.model.StackConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The rendered host files of the example stacks, compared byte for byte with src/test/resources/golden/. After a
 * deliberate template change, regenerate with {@code mvn -o test -Dtest=GoldenFilesTest -Dturnkit.golden.update=true}
 * and review the diff.
 */
class GoldenFilesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("turnkit.golden.update");

    static List<FileSpec> render(String stack) {
        StackConfig config = Stacks.load(stack);
        List<String> secrets = SecretValues.resolve(config, Path.of("."), false);
        return HostRenderer.create().renderHost(HostSpec.production(config, secrets));
    }

    @TestFactory
    Stream<DynamicTest> renderedFilesMatchTheGoldenFiles() {
        return Stream.of("dev", "prod").flatMap(stack -> render(stack).stream().map(file ->
                DynamicTest.dynamicTest(stack + " " + file.path(), () -> {
                    Path golden = GOLDEN.resolve(stack).resolve(file.path().substring(1));
                    if (UPDATE) {
                        Files.createDirectories(golden.getParent());
                        Files.writeString(golden, file.content(), StandardCharsets.UTF_8);
                    }
                    assertThat(Files.exists(golden))
                            .as("golden file %s exists (regenerate with -Dturnkit.golden.update=true)", golden)
                            .isTrue();
                    assertThat(file.content())
                            .as("%s renders exactly as %s", file.path(), golden)
                            .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
                })));
    }

    @TestFactory
    Stream<DynamicTest> noGoldenFileIsStale() throws IOException {
        return Stream.of("dev", "prod").map(stack -> DynamicTest.dynamicTest(stack, () -> {
            List<String> rendered = render(stack).stream().map(FileSpec::path).sorted().toList();
            try (Stream<Path> files = Files.walk(GOLDEN.resolve(stack))) {
                List<String> golden = files.filter(Files::isRegularFile)
                        .map(p -> "/" + GOLDEN.resolve(stack).relativize(p).toString().replace('\\', '/'))
                        .sorted().toList();
                assertThat(golden).as("every golden file is still rendered").isEqualTo(rendered);
            }
        }));
    }
}
