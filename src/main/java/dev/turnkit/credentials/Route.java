package dev.turnkit.credentials;

import java.io.IOException;

/** Answers requests to one exact path of the endpoint (see {@link EndpointExtensions#withRoute}). */
@FunctionalInterface
public interface Route {

    /** The response; an {@link IOException} means the client went away and nothing is answered. */
    EndpointResponse handle(EndpointRequest request) throws IOException;
}
