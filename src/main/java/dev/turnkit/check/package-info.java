/**
 * Health checks ({@code Check}) and the concurrent runner that executes them. Depends on {@code transport}, {@code protocol}, {@code credentials}, {@code model}.
 */
package dev.turnkit.check;
