package dev.turnkit.credentials;

import dev.turnkit.testsupport.Components;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One Firebase Auth emulator for the whole test run (it takes 10-60 s to start on a busy machine): started on
 * first use, stopped by PID when JUnit closes the root context, even after failures. Public: the metrics tests
 * use it too.
 */
public final class SharedAuthEmulator {
    public static final String PROJECT = "demo-turnkit-creds";

    private SharedAuthEmulator() {
    }

    public static AuthEmulator get(ExtensionContext context) {
        Path nodeModules = Components.e2eNodeModules();
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedAuthEmulator.class, k -> new Holder(start(nodeModules)), Holder.class)
                .emulator;
    }

    private static AuthEmulator start(Path nodeModules) {
        try {
            Path dir = Files.createTempDirectory("turnkit-auth-emulator");
            return AuthEmulator.start(nodeModules, PROJECT, dir, Duration.ofSeconds(120));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Injects the shared emulator into test methods and {@code @BeforeAll} parameters of type AuthEmulator. */
    public static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == AuthEmulator.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return get(context);
        }
    }

    private record Holder(AuthEmulator emulator) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            emulator.close();
        }
    }
}
