package dev.turnkit.oci;

import dev.turnkit.model.ConfigException;

/** The OCI config or key is unusable; found before any request is sent. The CLI maps it to exit 3. */
public final class OciConfigException extends ConfigException {
    private static final long serialVersionUID = 1L;

    public OciConfigException(String problem) {
        super(problem);
    }
}
