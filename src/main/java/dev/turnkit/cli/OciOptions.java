package dev.turnkit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the OCI credentials come from: {@code --profile} of {@code --config-file}, plus a private CA if needed. */
public final class OciOptions {
    @Option(names = "--profile", defaultValue = "DEFAULT", paramLabel = "NAME",
            description = "Profile of the OCI config file (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--config-file", paramLabel = "FILE",
            description = "OCI config file (default: ~/.oci/config, the SDK and CLI's file).")
    Path configFile;

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "Trust the CA certificates in this PEM file for the OCI endpoints (a TLS-inspecting proxy).")
    Path caFile;

    @Option(names = "--endpoint", hidden = true, paramLabel = "URL",
            description = "One base URL for every OCI service instead of the region's endpoints (tests, proxies).")
    String endpoint;
}
