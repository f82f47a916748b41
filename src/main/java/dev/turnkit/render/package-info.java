/**
 * FreeMarker rendering of {@code templates/} from the typed stack config, in strict mode. Depends on {@code model}; FreeMarker is confined here.
 */
package dev.turnkit.render;
