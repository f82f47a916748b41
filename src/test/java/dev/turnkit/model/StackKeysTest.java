package dev.turnkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The key table is the one source: {@code Pulumi.yaml} and {@code docs/stack-config.md} list exactly its keys, in
 * its order, with its types, descriptions and defaults; and the derived lists follow it.
 */
class StackKeysTest {
    /** A key row of a docs table: {@code | `turnkit:name` | default | allowed | meaning |}. */
    private static final Pattern DOC_ROW = Pattern.compile("(?m)^\\| `turnkit:([A-Za-z0-9]+)` \\| ([^|]*) \\|");

    @Test
    void keysAndTheUnknownKeyCheckComeFromTheTable() {
        assertThat(StackConfig.KEYS).containsExactlyElementsOf(StackKeys.ALL.stream().map(StackKey::name).toList());
        assertThat(StackConfig.KEYS).doesNotHaveDuplicates();
        for (StackKey<?> key : StackKeys.ALL) {
            assertThat(StackKeys.byName(key.name())).isSameAs(key);
        }
        Map<String, Object> config = StackConfigTest.with("turnkit:listenPort", "3478");
        assertThat(StackConfigTest.problems(config)).singleElement().asString()
                .startsWith("turnkit:listenPort: unknown key").contains(String.join(", ", StackConfig.KEYS));
    }

    @Test
    void everyDefaultInTheTableIsAValidValue() {
        for (StackKey<?> key : StackKeys.ALL) {
            if (key.defaultText() != null) {
                assertThat(key.defaultValue()).as(key + " default").isNotNull();
            }
            assertThat(key.required() && key.defaultText() != null).as(key + ": required or defaulted, not both")
                    .isFalse();
        }
        StackConfig c = StackConfig.fromMap("dev", StackConfigTest.valid());
        assertThat(c.coturn().version()).isEqualTo(CoturnVersion.DISTRO_DEFAULT);
        assertThat(c.instance().shape()).isEqualTo(Shape.A1_FLEX);
        assertThat(c.network().vcnCidr()).isEqualTo(Cidr.parse("10.0.0.0/16"));
    }

    @Test
    void docsListExactlyTheTablesKeysInOrderWithTheirDefaults() throws IOException {
        String doc = Files.readString(Path.of("docs", "stack-config.md"));
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = DOC_ROW.matcher(doc);
        while (m.find()) {
            assertThat(rows.put(m.group(1), m.group(2).trim())).as("documented once: " + m.group(1)).isNull();
        }
        assertThat(new ArrayList<>(rows.keySet())).as("docs/stack-config.md key rows, in table order")
                .containsExactlyElementsOf(StackConfig.KEYS);
        for (StackKey<?> key : StackKeys.ALL) {
            String shown = rows.get(key.name());
            if (key.required()) {
                assertThat(shown).as(key + " is documented as required").isEqualTo("**required**");
            } else if (key.defaultText() != null) {
                assertThat(shown).as(key + " documented default").isEqualTo("`" + key.defaultText() + "`");
            } else {
                assertThat(shown).as(key + " has no fixed default").doesNotContain("required").isNotBlank();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void pulumiYamlDeclaresExactlyTheTablesKeysWithTheirTypesDescriptionsAndDefaults() throws IOException {
        Map<String, Object> project = new ObjectMapper(new YAMLFactory())
                .readValue(Files.readString(Path.of("Pulumi.yaml")), Map.class);
        Map<String, Map<String, Object>> config = (Map<String, Map<String, Object>>) project.get("config");
        assertThat(new ArrayList<>(config.keySet())).as("Pulumi.yaml config keys, in table order")
                .containsExactlyElementsOf(StackConfig.KEYS);
        List<String> wrong = new ArrayList<>();
        for (StackKey<?> key : StackKeys.ALL) {
            Map<String, Object> declared = config.get(key.name());
            if (!key.type().pulumiName().equals(declared.get("type"))) {
                wrong.add(key + ": type " + declared.get("type") + ", table says " + key.type().pulumiName());
            }
            if (!key.description().equals(declared.get("description"))) {
                wrong.add(key + ": description differs from the table's: " + key.description());
            }
            Object dflt = declared.get("default");
            boolean hasDefault = declared.containsKey("default");
            if (key.required() && hasDefault) {
                wrong.add(key + ": required, so Pulumi.yaml must not give it a default");
            } else if (!key.required() && !hasDefault) {
                wrong.add(key + ": optional, so Pulumi.yaml must give it a default (Pulumi requires one)");
            } else if (hasDefault) {
                boolean ok = key.type() == StackKey.Type.ARRAY ? List.of().equals(dflt)
                        : String.valueOf(dflt).equals(key.defaultText()) || key.isUnset(String.valueOf(dflt));
                if (!ok) {
                    wrong.add(key + ": default " + dflt + " is neither the table's (" + key.defaultText()
                            + ") nor 'not set'");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void zeroMeansUnsetOnlyForKeysWhoseZeroIsNotAValue() {
        for (StackKey<?> key : StackKeys.ALL) {
            if (key.zeroMeansUnset()) {
                assertThat(key.type()).isEqualTo(StackKey.Type.INTEGER);
                List<String> problems = new ArrayList<>();
                assertThat(key.parse("0", problems::add)).as(key + ": 0 is out of range").isNull();
                assertThat(key.isUnset("0")).isTrue();
            } else {
                assertThat(key.isUnset("0")).as(key.toString()).isFalse();
            }
            assertThat(key.isUnset(" ")).isTrue();
        }
    }
}
