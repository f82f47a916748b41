package dev.turnkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The dependency rule of README.md's layout: who may depend on whom, and where each library may be used. */
class ArchitectureTest {
    private static final String BASE = "dev.turnkit";
    private static final List<String> PACKAGES = List.of(
            "model", "protocol", "process", "transport", "check", "credentials", "render", "deploy", "rules", "infra",
            "local", "oci", "metrics", "load", "cli");

    /** package → the project packages it may depend on (besides itself). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("model", Set.of()),
            Map.entry("protocol", Set.of()),
            Map.entry("process", Set.of()),
            Map.entry("transport", Set.of("protocol")),
            Map.entry("credentials", Set.of("model", "process")),
            Map.entry("check", Set.of("transport", "protocol", "credentials", "model")),
            Map.entry("render", Set.of("model")),
            Map.entry("deploy", Set.of("model", "render", "check")),
            Map.entry("rules", Set.of("model", "process")),
            Map.entry("infra", Set.of("model", "render")),
            Map.entry("local", Set.of("model", "render", "credentials", "rules", "check", "process")),
            Map.entry("oci", Set.of("model")),
            Map.entry("metrics", Set.of("check", "credentials")),
            Map.entry("load", Set.of("check", "transport", "protocol")),
            Map.entry("cli", Set.copyOf(PACKAGES)));

    /** third-party package prefix → the only project packages that may use it. */
    private static final Map<String, Set<String>> LIBRARIES = Map.ofEntries(
            Map.entry("picocli", Set.of("cli")),
            Map.entry("freemarker", Set.of("render")),
            Map.entry("net.schmizz", Set.of("deploy")),
            Map.entry("com.hierynomus", Set.of("deploy")),
            Map.entry("com.google.firebase", Set.of("credentials")),
            Map.entry("com.google.auth", Set.of("credentials", "rules")),
            Map.entry("com.google.cloud", Set.of("rules")),
            Map.entry("com.pulumi", Set.of("infra")),
            Map.entry("io.prometheus", Set.of("metrics")),
            Map.entry("io.netty", Set.of("credentials")),
            Map.entry("com.oracle.bmc", Set.of("oci")),
            Map.entry("com.fasterxml.jackson", Set.of("model", "credentials", "rules", "local", "check", "cli",
                    "infra")));

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    @TestFactory
    List<DynamicTest> eachPackageDependsOnlyOnWhatItMay() {
        return PACKAGES.stream().map(pkg -> DynamicTest.dynamicTest(pkg, () -> {
            Set<String> forbidden = PACKAGES.stream()
                    .filter(other -> !other.equals(pkg) && !ALLOWED.get(pkg).contains(other))
                    .collect(Collectors.toSet());
            if (forbidden.isEmpty()) {
                return;
            }
            String[] forbiddenPackages = forbidden.stream().map(p -> BASE + "." + p + "..").toArray(String[]::new);
            ArchRule rule = noClasses().that().resideInAPackage(BASE + "." + pkg + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbiddenPackages)
                    .as(pkg + " may depend only on " + ALLOWED.get(pkg))
                    .allowEmptyShould(true);
            rule.check(classes);
        })).collect(Collectors.toList());
    }

    @TestFactory
    List<DynamicTest> eachLibraryStaysInItsPackage() {
        return LIBRARIES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            String[] outside = PACKAGES.stream()
                    .filter(p -> !e.getValue().contains(p))
                    .map(p -> BASE + "." + p + "..")
                    .toArray(String[]::new);
            ArchRule rule = noClasses().that().resideInAnyPackage(outside)
                    .should().dependOnClassesThat().resideInAPackage(e.getKey() + "..")
                    .as(e.getKey() + " is used only in " + e.getValue())
                    .allowEmptyShould(true);
            rule.check(classes);
        })).collect(Collectors.toList());
    }

    @Test
    void nothingDependsOnTheCli() {
        noClasses().that().resideOutsideOfPackage(BASE + ".cli..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".cli..")
                .allowEmptyShould(true)
                .check(classes);
    }

    /**
     * {@code local} starts turnkit subcommands as child processes, but the command lines come from
     * {@code local.ChildCommands}, implemented (and tested by parsing) in {@code cli}: a flag spelled by hand in
     * {@code local} would be invisible to the rule above and drift from the command. So no string literal in
     * {@code local}'s sources may contain a {@code --flag}, except the flags of other programs it runs, listed
     * here. Class files do not keep where a constant came from, so the rule reads the sources.
     */
    private static final Set<String> LOCAL_EXTERNAL_FLAGS = Set.of(
            "--pidfile", // coturn's turnserver
            "--prefix"); // npm, in the hint "run 'npm ci --prefix e2e'"

    @Test
    void localNamesNoCliFlag() throws java.io.IOException {
        java.util.regex.Pattern literal = java.util.regex.Pattern.compile("\"((?:[^\"\\\\\n]|\\\\.)*)\"");
        java.util.regex.Pattern flag = java.util.regex.Pattern.compile("(?<![-\\w])--[a-zA-Z][a-zA-Z0-9-]*");
        List<String> found = new java.util.ArrayList<>();
        java.nio.file.Path dir = java.nio.file.Path.of("src/main/java/dev/turnkit/local");
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = java.nio.file.Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    java.util.regex.Matcher l = literal.matcher(lines.get(i));
                    while (l.find()) {
                        java.util.regex.Matcher f = flag.matcher(l.group(1));
                        while (f.find()) {
                            if (!LOCAL_EXTERNAL_FLAGS.contains(f.group())) {
                                found.add(file.getFileName() + ":" + (i + 1) + " " + f.group());
                            }
                        }
                    }
                }
            }
        }
        org.assertj.core.api.Assertions.assertThat(found)
                .as("CLI flags spelled in local (build command lines in cli.LocalChildCommands)").isEmpty();
    }

    /** The model is pure (README): it parses text it is given and reads no file, socket or environment. */
    @Test
    void modelDoesNoIo() {
        noClasses().that().resideInAPackage(BASE + ".model..")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.nio.channels..",
                        "java.net.http..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileReader")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .orShould().callMethod(System.class, "getenv", String.class)
                .check(classes);
    }

    /** {@code process} is shared by packages that may share nothing else, so it stays small: the JDK only. */
    @Test
    void processUsesOnlyTheJdk() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes().that().resideInAPackage(BASE + ".process..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", BASE + ".process..")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
    }

    @Test
    void everyPackageIsKnownToTheRule() {
        Set<String> found = classes.stream()
                .map(c -> c.getPackageName())
                .filter(p -> p.startsWith(BASE + "."))
                .map(p -> p.substring(BASE.length() + 1).split("\\.")[0])
                .collect(Collectors.toSet());
        org.assertj.core.api.Assertions.assertThat(PACKAGES)
                .as("a new top-level package needs a line in the dependency rule")
                .containsAll(found);
        org.assertj.core.api.Assertions.assertThat(ALLOWED.keySet())
                .containsExactlyInAnyOrderElementsOf(PACKAGES);
    }
}
