package dev.turnkit.infra;

import com.pulumi.core.Output;
import dev.turnkit.model.FileSpec;
import dev.turnkit.model.HostSpec;
import dev.turnkit.model.StackConfig;
import dev.turnkit.render.HostRenderer;
import java.util.List;

/**
 * The real user data: the production host files rendered from {@code templates/} (turnserver.conf, units, host
 * firewall, …), embedded in the cloud-init document the renderer produces last.
 */
public final class RenderedCloudInit implements CloudInit {
    private final HostRenderer renderer;
    private final Output<List<String>> secrets;

    /**
     * @param renderer the template renderer
     * @param secrets  the current and, during rotation, previous TURN secret (secret outputs, or redaction
     *                 placeholders for an offline plan)
     */
    public RenderedCloudInit(HostRenderer renderer, Output<List<String>> secrets) {
        this.renderer = renderer;
        this.secrets = secrets;
    }

    @Override
    public Output<String> render(StackConfig config) {
        return secrets.applyValue(values -> cloudInit(renderer, config, values));
    }

    /** The cloud-init document of a stack (its public IP set) with the given secret values. */
    public static String cloudInit(HostRenderer renderer, StackConfig config, List<String> secrets) {
        return renderer.renderHost(HostSpec.production(config, secrets)).stream()
                .filter(f -> f.path().equals(HostRenderer.CLOUD_INIT_PATH))
                .map(FileSpec::content)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the renderer produced no cloud-init document"));
    }
}
