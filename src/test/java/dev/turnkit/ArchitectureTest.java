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
            "model", "protocol", "transport", "check", "credentials", "render", "deploy", "rules", "infra", "local",
            "oci", "cli");

    /** package → the project packages it may depend on (besides itself). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("model", Set.of()),
            Map.entry("protocol", Set.of()),
            Map.entry("transport", Set.of("protocol")),
            Map.entry("credentials", Set.of("model")),
            Map.entry("check", Set.of("transport", "protocol", "credentials", "model")),
            Map.entry("render", Set.of("model")),
            Map.entry("deploy", Set.of("model", "render", "check")),
            Map.entry("rules", Set.of("model")),
            Map.entry("infra", Set.of("model", "render")),
            Map.entry("local", Set.of("model", "render", "credentials", "rules", "check")),
            Map.entry("oci", Set.of("model")),
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
