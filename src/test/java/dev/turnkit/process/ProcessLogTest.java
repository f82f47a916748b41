package dev.turnkit.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessLogTest {
    @TempDir
    Path dir;

    @Test
    void theLastLinesAreJoinedWithTheSeparator() throws Exception {
        Path log = Files.writeString(dir.resolve("a.log"), "one\ntwo\nthree\nfour\n");
        assertThat(ProcessLog.tail(log, 2, " | ")).isEqualTo("three | four");
        assertThat(ProcessLog.tail(log, 10, "\n")).isEqualTo("one\ntwo\nthree\nfour");
    }

    @Test
    void aLogThatCannotBeReadIsANoteNotAnError() {
        Path missing = dir.resolve("missing.log");
        assertThat(ProcessLog.tail(missing, 5, "\n")).startsWith("(no log at " + missing + ": ").endsWith(")");
    }
}
