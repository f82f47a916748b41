package dev.turnkit.infra;

import com.pulumi.core.Output;
import dev.turnkit.model.StackConfig;

/**
 * Produces the host's cloud-init user data (plain text, not base64) for a stack whose reserved public IP is now
 * known. The Pulumi program wires the FreeMarker renderer with the TURN secret; tests feed a fake. The result may
 * be a secret {@link Output}; the host marks it secret in any case (it carries the TURN secret).
 */
@FunctionalInterface
public interface CloudInit {
    /**
     * @param config the stack config with {@code network.publicIp} set to the reserved public IP
     * @return the cloud-init document
     */
    Output<String> render(StackConfig config);
}
