package dev.turnkit.infra.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.annotations.ResourceType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every hand-bound OCI resource and function matches the provider schema slice of pulumi-oci 4.20.0. */
class OciBindingsSliceTest {
    private static final SliceChecker CHECKER = SliceChecker.load();

    static List<Class<?>> boundResources() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.turnkit.infra.oci").stream()
                .map(c -> c.reflect())
                .filter(c -> c.getAnnotation(ResourceType.class) != null)
                .sorted((a, b) -> a.getName().compareTo(b.getName()))
                .collect(Collectors.toList());
    }

    static List<Method> boundFunctions() {
        return Arrays.stream(OciFunctions.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                .sorted((a, b) -> a.getName().compareTo(b.getName()))
                .collect(Collectors.toList());
    }

    @Test
    void theStackBindsExactlyTheResourcesItUses() {
        assertThat(boundResources()).extracting(c -> c.getAnnotation(ResourceType.class).type())
                .as("the resources the TURN host needs, and no others")
                .containsExactlyInAnyOrder(
                        "oci:Core/vcn:Vcn",
                        "oci:Core/internetGateway:InternetGateway",
                        "oci:Core/routeTable:RouteTable",
                        "oci:Core/securityList:SecurityList",
                        "oci:Core/subnet:Subnet",
                        "oci:Core/networkSecurityGroup:NetworkSecurityGroup",
                        "oci:Core/networkSecurityGroupSecurityRule:NetworkSecurityGroupSecurityRule",
                        "oci:Core/privateIp:PrivateIp",
                        "oci:Core/publicIp:PublicIp",
                        "oci:Core/instance:Instance",
                        "oci:Dns/rrset:Rrset",
                        "oci:ObjectStorage/bucket:Bucket",
                        "oci:ObjectStorage/storageObject:StorageObject",
                        "oci:ObjectStorage/preauthrequest:Preauthrequest");
        assertThat(boundFunctions()).extracting(Method::getName)
                .containsExactlyInAnyOrder("getAvailabilityDomains", "getImages", "getNamespace");
    }

    @TestFactory
    List<DynamicTest> everyResourceMatchesTheSlice() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Class<?> resource : boundResources()) {
            tests.add(DynamicTest.dynamicTest(resource.getSimpleName(), () ->
                    assertThat(CHECKER.checkResource(resource))
                            .as(resource.getSimpleName() + ": token, wire names, wire types and required inputs"
                                    + " match pulumi-oci 4.20.0")
                            .isEmpty()));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> everyFunctionMatchesTheSlice() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Method fn : boundFunctions()) {
            tests.add(DynamicTest.dynamicTest(fn.getName(), () ->
                    assertThat(CHECKER.checkFunction(fn))
                            .as(fn.getName() + ": args and every result field match pulumi-oci 4.20.0")
                            .isEmpty()));
        }
        return tests;
    }

    @Test
    void everyFunctionTokenConstantIsAProviderFunctionOfABoundMethod() throws IllegalAccessException {
        List<String> tokens = new ArrayList<>();
        for (java.lang.reflect.Field f : OciFunctions.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                tokens.add((String) f.get(null));
            }
        }
        assertThat(tokens).as("one token constant per bound function").hasSameSizeAs(boundFunctions());
        for (String token : tokens) {
            assertThat(CHECKER.slice().path("functions").has(token)).as(token + " is a provider function").isTrue();
            assertThat(boundFunctions()).extracting(Method::getName).as(token + " is invoked by its own method")
                    .contains(token.substring(token.lastIndexOf(':') + 1));
        }
    }

    @Test
    void everyResourceRegistersTheTokenOfItsAnnotation() throws ReflectiveOperationException {
        for (Class<?> resource : boundResources()) {
            assertThat(resource.getField("TYPE").get(null)).as(resource.getSimpleName()
                    + ".TYPE (passed to the CustomResource constructor) equals its @ResourceType")
                    .isEqualTo(resource.getAnnotation(ResourceType.class).type());
        }
    }

    @Test
    void aSnakeCaseWireNameAndAMissingRequiredInputFail() {
        assertThat(CHECKER.checkResource(Miswired.SnakeCaseVcn.class))
                .as("Terraform-style dns_label is not the Pulumi wire name")
                .anyMatch(p -> p.contains("input 'dns_label': unknown input"))
                .anyMatch(p -> p.contains("required input 'compartmentId' is not bound"));
    }

    @Test
    void aWrongTypeTokenFails() {
        assertThat(CHECKER.checkResource(Miswired.LowerCaseModuleVcn.class))
                .containsExactly("LowerCaseModuleVcn: unknown resource type 'oci:core/vcn:Vcn'");
    }

    @Test
    void aBooleanAssignPublicIpAndADeprecatedInputFail() {
        assertThat(CHECKER.checkResource(Miswired.BooleanPublicIpInstance.class))
                .anyMatch(p -> p.contains("'assignPublicIp': wire type string but Java type java.lang.Boolean"))
                .anyMatch(p -> p.contains("input 'subnetId': deprecated input"));
    }

    @Test
    void aResultTypeWithoutEverySetterFails() throws NoSuchMethodException {
        Method fn = Miswired.class.getDeclaredMethod("getAvailabilityDomains", GetAvailabilityDomainsArgs.class);
        assertThat(CHECKER.checkFunction(fn))
                .anyMatch(p -> p.contains("output 'compartmentId' has no setter"))
                .anyMatch(p -> p.contains("(Identity.GetAvailabilityDomainsAvailabilityDomain): output 'id' has no"
                        + " setter"));
    }

    @Test
    void pluginJsonAndVersionTxtRequestTheBoundProviderVersion() throws IOException {
        JsonNode expected = CHECKER.slice().path("_meta").path("pulumiPlugin");
        JsonNode plugin;
        try (InputStream in = getClass().getResourceAsStream("/com/pulumi/oci/plugin.json")) {
            assertThat(in).as("plugin.json on the classpath").isNotNull();
            plugin = new ObjectMapper().readTree(in);
        }
        assertThat(plugin).as("plugin.json equals the npm package's pulumi field").isEqualTo(expected);
        assertThat(plugin.path("resource").asBoolean()).as("resource: true, or Pulumi does not install it").isTrue();
        String version;
        try (InputStream in = getClass().getResourceAsStream("/com/pulumi/oci/version.txt")) {
            assertThat(in).as("version.txt on the classpath").isNotNull();
            version = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(version).as("version.txt without a trailing newline").isEqualTo(expected.path("version").asText());
        assertThat(Oci.VERSION).as("bindings pin the same version").isEqualTo(version);
    }
}
