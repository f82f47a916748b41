package dev.turnkit.infra;

import com.pulumi.core.Output;
import dev.turnkit.model.StackConfig;

/** A cloud-init stand-in that writes the addresses it was given, so tests can see what reached user_data. */
final class FakeCloudInit implements CloudInit {
    @Override
    public Output<String> render(StackConfig config) {
        return Output.of(text(config));
    }

    static String text(StackConfig config) {
        return "#cloud-config\n# external-ip=" + config.network().publicIp().orElseThrow() + "/"
                + config.network().privateIp() + "\n";
    }
}
