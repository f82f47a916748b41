/**
 * Typed stack configuration ({@link dev.turnkit.model.StackConfig}, read from {@code stacks/Pulumi.<stack>.yaml}
 * or from the Pulumi program's config) and host specs ({@link dev.turnkit.model.TurnServerSpec},
 * {@link dev.turnkit.model.HostSpec}, {@link dev.turnkit.model.FileSpec}), with validation that reports every
 * problem at once. Depends on the JDK and Jackson YAML only; the one file it reads is the stack file
 * ({@link dev.turnkit.model.StackConfig#load}).
 */
package dev.turnkit.model;
