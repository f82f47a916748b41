package dev.turnkit.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The one configured Jackson mapper of turnkit, for every {@code --json} document, the state and config files
 * turnkit writes, and the JSON of the HTTP APIs it calls. Jackson's defaults (records and maps in declaration
 * order, unknown properties refused): nothing may reconfigure the shared instance; a caller that needs another
 * setting derives a writer or reader ({@code MAPPER.writer().with(...)}).
 */
public final class Json {
    /** The shared mapper (thread-safe once configured; never reconfigure it). */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The writer for documents people read too: {@code --json} output, state files (indented). */
    public static ObjectWriter pretty() {
        return MAPPER.writerWithDefaultPrettyPrinter();
    }
}
