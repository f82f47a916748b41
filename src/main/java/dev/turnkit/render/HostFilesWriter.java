package dev.turnkit.render;

import dev.turnkit.model.FileSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Writes rendered host files under a review directory, mirroring their host paths and modes (not owners). */
public final class HostFilesWriter {
    private HostFilesWriter() {
    }

    /** Where {@code file} goes under {@code outDir}: {@code /etc/turnserver.conf} → {@code outDir/etc/turnserver.conf}. */
    public static Path target(Path outDir, FileSpec file) {
        return outDir.resolve(file.path().substring(1));
    }

    /** Writes every file (temp name + rename, mode applied); returns the written paths in order. */
    public static List<Path> write(Path outDir, List<FileSpec> files) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        List<Path> written = new ArrayList<>();
        try {
            for (FileSpec f : files) {
                Path target = target(outDir, f);
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), ".turnkit-", ".tmp");
                try {
                    Files.writeString(tmp, f.content(), StandardCharsets.UTF_8);
                    if (posix) {
                        Files.setPosixFilePermissions(tmp, permissions(f.mode()));
                    }
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
                written.add(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rendered files under " + outDir + ": " + e.getMessage(),
                    e);
        }
        return List.copyOf(written);
    }

    static Set<PosixFilePermission> permissions(String mode) {
        int bits = Integer.parseInt(mode, 8);
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((bits & (1 << i)) != 0) {
                set.add(order[i]);
            }
        }
        return set;
    }
}
