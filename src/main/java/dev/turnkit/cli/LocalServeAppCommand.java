package dev.turnkit.cli;

import dev.turnkit.local.SampleAppServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code turnkit local serve-app}: the sample app's static server; started by {@code local up}, hidden. */
@Command(name = "serve-app", hidden = true, mixinStandardHelpOptions = true,
        description = "Serve the sample call app on loopback (started by 'turnkit local up').")
final class LocalServeAppCommand implements Callable<Integer> {
    @Option(names = "--dir", required = true, description = "The web/ directory.")
    Path dir;

    @Option(names = "--port", required = true, description = "Loopback port.")
    int port;

    @Option(names = "--config", required = true, description = "The config.json to serve.")
    Path config;

    @Mixin
    VerbosityOption verbosity;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        SampleAppServer server = SampleAppServer.start(dir, port, config);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }));
        spec.commandLine().getErr().println("sample app on " + server.url());
        spec.commandLine().getErr().flush();
        stop.await();
        return ExitCode.OK.code();
    }
}
