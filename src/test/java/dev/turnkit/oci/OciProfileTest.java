package dev.turnkit.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnkit.testsupport.FakeOci;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OCI config file is validated before any request; each problem is one line with its fix. */
class OciProfileTest {
    @TempDir
    Path dir;

    @Test
    void aValidProfileLoadsAndDefaultValuesAreInherited() throws Exception {
        FakeOci.ApiKey key = FakeOci.apiKey(dir, "tk14-key");
        Path config = dir.resolve("config");
        Files.writeString(config, "# comment\n[DEFAULT]\nregion=eu-frankfurt-1\ntenancy=" + FakeOci.TENANCY
                + "\n\n[ops]\nuser=" + FakeOci.USER + "\nfingerprint=" + key.fingerprint().toUpperCase()
                + "\nkey_file=" + key.pem() + "\n");
        OciProfile p = OciProfile.load(config, "ops");
        assertThat(p.region()).isEqualTo("eu-frankfurt-1");
        assertThat(p.keyId()).isEqualTo(FakeOci.TENANCY + "/" + FakeOci.USER + "/" + key.fingerprint());
        assertThat(p.privateKey().getEncoded()).isEqualTo(key.pair().getPrivate().getEncoded());
    }

    @Test
    void aPkcs1KeyFromOpensslGenrsaIsAccepted() throws Exception {
        Path pem = dir.resolve("rsa.pem");
        Process p = new ProcessBuilder("openssl", "genrsa", "-traditional", "-out", pem.toString(), "2048")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        assertThat(Files.readString(pem)).contains("BEGIN RSA PRIVATE KEY");
        Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("rw-------"));
        Process pub = new ProcessBuilder("sh", "-c", "openssl rsa -in '" + pem + "' -pubout -outform DER 2>/dev/null"
                + " | openssl md5 -c | sed 's/.*= //'").start();
        String fingerprint = new String(pub.getInputStream().readAllBytes()).strip();
        assertThat(pub.waitFor()).isZero();
        Path config = dir.resolve("config");
        Files.writeString(config, "[DEFAULT]\nuser=" + FakeOci.USER + "\nfingerprint=" + fingerprint + "\nkey_file="
                + pem + "\ntenancy=" + FakeOci.TENANCY + "\nregion=us-ashburn-1\n");
        assertThat(OciProfile.load(config, "DEFAULT").fingerprint()).as("openssl's MD5 of the DER public key")
                .isEqualTo(fingerprint);
    }

    @Test
    void eachConfigProblemIsOneLineWithItsFix() throws Exception {
        FakeOci.ApiKey key = FakeOci.apiKey(dir, "tk14-key");
        Path config = FakeOci.configFile(dir, "DEFAULT", key, key.fingerprint(), "eu-frankfurt-1");
        assertThat(OciProfile.load(config, "DEFAULT").user()).isEqualTo(FakeOci.USER);

        assertProblem(dir.resolve("nope"), "DEFAULT", "no OCI config file");
        assertProblem(config, "PROD", "no profile [PROD]", "profiles found: [DEFAULT]");

        FakeOci.configFile(dir, "DEFAULT", key, "12:34:56:78:9a:bc:de:f0:12:34:56:78:9a:bc:de:f0", "eu-frankfurt-1");
        assertProblem(config, "DEFAULT", "fingerprint 12:34:56:78:9a:bc:de:f0:12:34:56:78:9a:bc:de:f0 does not match",
                "its fingerprint is " + key.fingerprint());

        FakeOci.configFile(dir, "DEFAULT", key, key.fingerprint(), "eu-nowhere-9");
        assertProblem(config, "DEFAULT", "region 'eu-nowhere-9' is not an OCI region identifier");

        FakeOci.configFile(dir, "DEFAULT", key, key.fingerprint(), "eu-frankfurt-1");
        Files.setPosixFilePermissions(key.pem(), PosixFilePermissions.fromString("rw-r-----"));
        assertProblem(config, "DEFAULT", "is readable by others (mode rw-r-----)", "chmod 600 " + key.pem());
        Files.setPosixFilePermissions(key.pem(), PosixFilePermissions.fromString("rw----r--"));
        assertProblem(config, "DEFAULT", "is readable by others", "chmod 600");
        Files.setPosixFilePermissions(key.pem(), PosixFilePermissions.fromString("---------"));
        assertProblem(config, "DEFAULT", "is not readable by its owner", "chmod 600");

        Files.delete(key.pem());
        assertProblem(config, "DEFAULT", "key_file " + key.pem() + " does not exist");

        Files.writeString(config, "[DEFAULT]\nuser=" + FakeOci.USER + "\n");
        assertProblem(config, "DEFAULT", "'fingerprint' is missing");
    }

    private static void assertProblem(Path config, String profile, String... fragments) {
        assertThatThrownBy(() -> OciProfile.load(config, profile)).isInstanceOf(OciConfigException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).contains(fragments);
                    assertThat(e.getMessage()).doesNotContain("\n");
                });
    }
}
