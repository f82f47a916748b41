package dev.turnkit.infra;

import com.pulumi.Context;
import com.pulumi.core.Output;
import dev.turnkit.model.CredentialsUrl;
import dev.turnkit.model.StackConfig;
import dev.turnkit.model.TurnUris;
import java.util.SortedMap;

/**
 * The stack body, separate from {@link InfraMain} so tests and {@code turnkit plan} run it under mocks: the
 * free-tier guard, then the {@link TurnHost}, then the stack outputs (all exports are here).
 */
public final class TurnStack {
    private TurnStack() {
    }

    /** Defines the stack with the firewall of {@link NsgRules#of}. */
    public static TurnHost define(Context ctx, StackConfig config, CloudInit cloudInit, TurnkitJar jar) {
        return define(ctx, config, NsgRules.of(config), cloudInit, jar);
    }

    /**
     * Defines the stack.
     *
     * @throws FreeTierException before anything is created, when the stack goes beyond the Always Free
     *                           allowance and {@code turnkit:allowPaid} is not true
     */
    public static TurnHost define(Context ctx, StackConfig config, SortedMap<String, NsgRule> firewall,
            CloudInit cloudInit, TurnkitJar jar) {
        FreeTierLimits.Verdict verdict = FreeTierLimits.check(config);
        if (!verdict.allowed()) {
            throw new FreeTierException(verdict);
        }
        for (FreeTierLimits.Violation v : verdict.violations()) {
            ctx.log().warn("paid resources accepted (turnkit:allowPaid): " + v.message());
        }
        TurnHost host = new TurnHost(hostName(config), config, firewall, cloudInit, jar, null);
        export(ctx, config, host);
        config.firebase().ifPresent(f -> {
            SignalingBackend backend = new SignalingBackend(backendName(config), f, null);
            exportFirebase(ctx, f, backend);
        });
        return host;
    }

    /** The Firebase component's name: {@code turnkit-<stack>-signaling}. */
    public static String backendName(StackConfig config) {
        return hostName(config) + "-signaling";
    }

    /** What {@code rules deploy --stack}, apps and the sample page read (docs/firebase.md). */
    private static void exportFirebase(Context ctx, StackConfig.Firebase f, SignalingBackend backend) {
        ctx.export("firebaseProjectId", Output.of(f.projectId()));
        ctx.export("firestoreDatabase", backend.databaseId());
        ctx.export("firebaseWebConfig", backend.webConfig());
    }

    /** The component name: {@code turnkit-<stack>}; every child name starts with it. */
    public static String hostName(StackConfig config) {
        return "turnkit-" + config.stack();
    }

    private static void export(Context ctx, StackConfig config, TurnHost host) {
        StackConfig.Ports p = config.ports();
        String d = config.domain();
        ctx.export("publicIp", host.publicIp());
        ctx.export("publicIpAttached", host.publicIpAttached());
        ctx.export("privateIp", Output.of(host.privateIp()));
        ctx.export("availabilityDomain", host.availabilityDomain());
        ctx.export("turnUris", Output.of(TurnUris.turn(d, p.listening())));
        ctx.export("turnsUri", Output.of(TurnUris.turns(d, p.tls())));
        ctx.export("credentialsUrl", Output.of(CredentialsUrl.of("https", d, p.credentials())));
        ctx.export("sshCommand", host.publicIp().applyValue(ip -> "ssh "
                + HostPlacement.loginUser(config.instance().os()) + "@" + ip));
    }
}
