package dev.turnkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone: what its code, templates and docs cite must be in it. A comment that names a
 * Markdown document names one this repository has, and nothing points at a folder beside the checkout.
 */
class SelfContainedSourcesTest {
    private static final List<String> ROOTS =
            List.of("src", "templates", "docs", "bench", "scripts", "web", "e2e", ".github", ".ci");
    private static final Set<String> TEXT = Set.of("java", "ftl", "md", "sh", "py", "js", "mjs", "html", "yml",
            "yaml", "conf", "txt", "service", "timer", "xml", "json", "rules");
    private static final Pattern MARKDOWN_NAME = Pattern.compile("(?<![\\w./-])([A-Za-z0-9_-]+\\.md)\\b");
    private static final Pattern OUTSIDE = Pattern.compile("\\.\\./shared|shared/(reference|seed|pulumi-oci)");

    private static List<Path> files;
    private static Set<String> markdownInRepo;

    @BeforeAll
    static void scan() throws IOException {
        List<Path> all = new ArrayList<>();
        for (String root : ROOTS) {
            Path dir = Path.of(root);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !p.toString().contains("node_modules") && !p.startsWith("src/test/resources/pulumi-oci"))
                        .filter(p -> TEXT.contains(extension(p)))
                        .forEach(all::add);
            }
        }
        all.add(Path.of("README.md"));
        all.add(Path.of("pom.xml"));
        files = all;
        try (Stream<Path> walk = Files.walk(Path.of("."))) {
            markdownInRepo = walk.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> !p.toString().contains("node_modules") && !p.toString().contains("/target/"))
                    .map(p -> p.getFileName().toString())
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void everyCitedMarkdownDocumentIsInTheRepository() {
        List<String> dangling = new ArrayList<>();
        for (Path file : files) {
            String text = read(file);
            Matcher m = MARKDOWN_NAME.matcher(text);
            while (m.find()) {
                if (!markdownInRepo.contains(m.group(1))) {
                    dangling.add(file + ": " + m.group(1));
                }
            }
        }
        assertThat(dangling).as("documents cited but not in this repository (carry the fact into docs/)").isEmpty();
    }

    @Test
    void nothingPointsOutsideTheCheckout() {
        List<String> outside = files.stream()
                .filter(f -> !f.endsWith("SelfContainedSourcesTest.java"))
                .filter(f -> OUTSIDE.matcher(read(f)).find())
                .map(Path::toString)
                .collect(Collectors.toList());
        assertThat(outside).as("files that cite a path beside the checkout").isEmpty();
    }

    @Test
    void theScanSeesTheSourcesAndTheDocs() {
        assertThat(files).contains(Path.of("docs/design-notes.md"), Path.of("templates/turnserver.conf.ftl"));
        assertThat(markdownInRepo).contains("design-notes.md", "README.md");
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
