package dev.turnkit.render;

import dev.turnkit.model.SecretStore;

/** The templates under {@code templates/}, each with the host file it renders to. */
public enum HostTemplate {
    /**
     * First, so that a deploy that changes it runs it before any restart: coturn (a turnserver.conf that moves from
     * static-auth-secret to the userdb) comes up with its secrets there, and the endpoint signs with a secret coturn
     * already accepts.
     */
    SECRET_SYNC("sbin/turnkit-sync-secrets.sh.ftl", SecretStore.SYNC_SCRIPT, "0755", false),
    TURNSERVER_CONF("turnserver.conf.ftl", null, "0640", true),
    COTURN_OVERRIDE("systemd/coturn-override.conf.ftl", "/etc/systemd/system/coturn.service.d/override.conf",
            "0644", false),
    CREDENTIALS_SERVICE("systemd/turnkit-credentials.service.ftl",
            "/etc/systemd/system/turnkit-credentials.service", "0644", false),
    CHECK_SERVICE("systemd/turnkit-check.service.ftl", "/etc/systemd/system/turnkit-check.service", "0644", false),
    CERTBOT_DEPLOY_HOOK("certbot/turnkit-coturn-deploy-hook.sh.ftl",
            "/etc/letsencrypt/renewal-hooks/deploy/turnkit-coturn.sh", "0755", false),
    FIREWALL("sbin/turnkit-firewall.sh.ftl", "/usr/local/sbin/turnkit-firewall", "0755", false),
    SYSCTL("sysctl/60-turn-relay.conf.ftl", "/etc/sysctl.d/60-turn-relay.conf", "0644", false),
    BOOTSTRAP("sbin/turnkit-bootstrap.sh.ftl", "/usr/local/sbin/turnkit-bootstrap", "0755", false),
    CLOUD_INIT("cloud-init.yaml.ftl", null, "0600", true);

    private final String source;
    private final String hostPath;
    private final String mode;
    private final boolean secret;

    HostTemplate(String source, String hostPath, String mode, boolean secret) {
        this.source = source;
        this.hostPath = hostPath;
        this.mode = mode;
        this.secret = secret;
    }

    /** Path under {@code templates/}. */
    public String source() {
        return source;
    }

    /** Host path, or null when it depends on the OS (turnserver.conf) or is not a host file (cloud-init). */
    public String hostPath() {
        return hostPath;
    }

    public String mode() {
        return mode;
    }

    /**
     * Whether the rendered content carries a TURN secret (turnserver.conf: only the local profile's, see
     * {@code TurnServerSpec#secretsInUserDb}).
     */
    public boolean secret() {
        return secret;
    }

    /** The first-line comment of every rendered file. */
    public String header() {
        return "generated from templates/" + source + " — do not edit on the host";
    }
}
