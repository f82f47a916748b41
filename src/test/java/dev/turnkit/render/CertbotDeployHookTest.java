package dev.turnkit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.model.FileSpec;
import dev.turnkit.testsupport.Components;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certbot deploy hook, run by sh the way certbot runs it (RENEWED_DOMAINS, RENEWED_LINEAGE with live/
 * symlinks into archive/). Only the target directory is moved into a temp dir and systemctl is a recording stub
 * (this machine's services are not touched). Needs the coturn package's {@code turnserver} group and root for
 * the chown.
 */
class CertbotDeployHookTest {
    @TempDir
    Path dir;
    Path hook;
    Path tlsDir;
    Path lineage;
    Path calls;
    Path bin;

    @BeforeEach
    void setUp() throws IOException {
        Components.turnserver(); // the package creates the turnserver group the hook chowns to
        HostTools.requireRoot("chown to root:turnserver");
        tlsDir = dir.resolve("etc-coturn/tls");
        FileSpec rendered = HostRenderer.create().renderHost(Stacks.host(Stacks.load("prod"))).stream()
                .filter(f -> f.path().equals("/etc/letsencrypt/renewal-hooks/deploy/turnkit-coturn.sh"))
                .findFirst().orElseThrow();
        assertThat(rendered.content()).contains("tls_dir='/etc/coturn/tls'");
        hook = dir.resolve("turnkit-coturn.sh");
        Files.writeString(hook, rendered.content().replace("tls_dir='/etc/coturn/tls'", "tls_dir='" + tlsDir + "'"));
        // certbot's layout: live/<name>/*.pem are symlinks to ../../archive/<name>/*N.pem
        Path archive = Files.createDirectories(dir.resolve("letsencrypt/archive/turn.example.com"));
        lineage = Files.createDirectories(dir.resolve("letsencrypt/live/turn.example.com"));
        Files.writeString(archive.resolve("fullchain1.pem"), "CHAIN\n");
        Files.writeString(archive.resolve("privkey1.pem"), "KEY\n");
        Files.setPosixFilePermissions(archive.resolve("privkey1.pem"), PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(lineage.resolve("fullchain.pem"),
                Path.of("../../archive/turn.example.com/fullchain1.pem"));
        Files.createSymbolicLink(lineage.resolve("privkey.pem"),
                Path.of("../../archive/turn.example.com/privkey1.pem"));
        calls = dir.resolve("systemctl.log");
        bin = Files.createDirectories(dir.resolve("bin"));
    }

    private void stubSystemctl(int reloadExit) throws IOException {
        Path stub = bin.resolve("systemctl");
        Files.writeString(stub, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n"
                + "if [ \"$1\" = reload ]; then exit " + reloadExit + "; fi\nexit 0\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private HostTools.Run runHook(String renewedDomains) {
        List<String> cmd = new ArrayList<>(List.of("env", "PATH=" + bin + ":/usr/sbin:/usr/bin:/sbin:/bin",
                "RENEWED_DOMAINS=" + renewedDomains, "RENEWED_LINEAGE=" + lineage, "sh", hook.toString()));
        return HostTools.run(dir, cmd);
    }

    @Test
    void copiesReadableCertificatesAndReloadsWithoutRestartingCoturn() throws IOException {
        stubSystemctl(0);
        HostTools.Run r = runHook("www.example.com turn.example.com");
        assertThat(r.exitCode()).as(r.output()).isZero();
        for (String name : List.of("fullchain.pem", "privkey.pem")) {
            Path copy = tlsDir.resolve(name);
            assertThat(Files.isSymbolicLink(copy)).as(name + " is a real file, not a link into root-only archive/")
                    .isFalse();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-r-----");
            assertThat(Files.getAttribute(copy, "unix:gid", LinkOption.NOFOLLOW_LINKS))
                    .as(name + " belongs to coturn's group").isEqualTo(turnserverGid());
        }
        assertThat(Files.readString(tlsDir.resolve("privkey.pem"))).isEqualTo("KEY\n");
        assertThat(Files.readString(tlsDir.resolve("fullchain.pem"))).isEqualTo("CHAIN\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tlsDir))).isEqualTo("rwxr-x---");
        try (var leftovers = Files.list(tlsDir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).as("no temp files left")
                    .containsExactlyInAnyOrder("fullchain.pem", "privkey.pem");
        }
        assertThat(Files.readAllLines(calls)).as("SIGUSR2 reload keeps calls up; the API re-reads its credentials")
                .containsExactly("reload coturn.service", "try-restart turnkit-credentials.service");
    }

    @Test
    void restartsCoturnWhenItCannotReload() throws IOException {
        stubSystemctl(1);
        HostTools.Run r = runHook("turn.example.com");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(Files.readAllLines(calls)).containsExactly("reload coturn.service", "restart coturn.service",
                "try-restart turnkit-credentials.service");
    }

    @Test
    void ignoresOtherCertificates() throws IOException {
        stubSystemctl(0);
        HostTools.Run r = runHook("www.example.com turn.example.com.evil.test");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(tlsDir).doesNotExist();
        assertThat(calls).doesNotExist();
    }

    private static Object turnserverGid() {
        HostTools.Run r = HostTools.run(Path.of("."), List.of("getent", "group", "turnserver"));
        assertThat(r.exitCode()).as("group turnserver exists (coturn package)").isZero();
        return Integer.parseInt(r.output().split(":")[2].trim());
    }
}
