/**
 * Typed stack configuration ({@link dev.turnkit.model.StackConfig}, read from {@code stacks/Pulumi.<stack>.yaml}
 * or from the Pulumi program's config) and host specs ({@link dev.turnkit.model.TurnServerSpec},
 * {@link dev.turnkit.model.HostSpec}, {@link dev.turnkit.model.FileSpec}), with validation that reports every
 * problem at once. Depends on the JDK and Jackson YAML only, and does no I/O: the commands read the stack file
 * and hand its text to {@link dev.turnkit.model.StackConfig#fromYaml}.
 */
package dev.turnkit.model;
