package dev.turnkit.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Collectors;

/** Loads the RFC 5769 vectors from {@code src/test/resources/vectors} (see the README there for provenance). */
final class Vectors {
    static final String SHORT_TERM_PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";
    static final String LONG_TERM_USERNAME = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
    static final String LONG_TERM_REALM = "example.org";
    static final String LONG_TERM_PASSWORD_RAW = "The\u00ADM\u00AAtr\u2168";

    private Vectors() {
    }

    static byte[] load(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing vector " + name);
            }
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.startsWith("#"))
                    .map(String::strip)
                    .collect(Collectors.joining());
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] request21() {
        return load("rfc5769-2.1-request.hex");
    }

    static byte[] ipv4Response22() {
        return load("rfc5769-2.2-ipv4-response.hex");
    }

    static byte[] ipv6Response23() {
        return load("rfc5769-2.3-ipv6-response.hex");
    }

    static byte[] longTermRequest24() {
        return load("rfc5769-2.4-long-term-request.hex");
    }
}
