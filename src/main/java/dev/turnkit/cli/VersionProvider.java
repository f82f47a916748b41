package dev.turnkit.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest (set by the build), or "dev" when run from classes. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"turnkit " + (v == null ? "dev" : v), "Java " + System.getProperty("java.version")};
    }
}
