/**
 * FreeMarker rendering of {@code templates/} in strict mode ({@link dev.turnkit.render.HostRenderer}): the
 * production host files of a stack and {@code turnserver.conf} for any profile, plus writing them for review and
 * reading secret files. Depends on {@code model}; FreeMarker is confined here.
 */
package dev.turnkit.render;
