package dev.turnkit.render;

import dev.turnkit.model.FileSpec;
import dev.turnkit.model.FirewallRule;
import dev.turnkit.model.HostSpec;
import dev.turnkit.model.SecretStore;
import dev.turnkit.model.TurnServerSpec;
import freemarker.cache.ClassTemplateLoader;
import freemarker.core.PlainTextOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateScalarModel;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the host files from {@code templates/} with one strict FreeMarker configuration: a missing value or a
 * template error fails the render (RETHROW, nothing logged, nothing half-written).
 *
 * <p>Entry points: {@link #renderHost} for a production host (all files, then cloud-init embeds them) and
 * {@link #renderTurnServerConf} for any {@link TurnServerSpec}, e.g. the local profile of {@code turnkit local up}.
 */
public final class HostRenderer {
    private final Configuration freemarker;

    private HostRenderer(Configuration freemarker) {
        this.freemarker = freemarker;
    }

    /** A renderer reading the templates from the classpath ({@code templates/} is packaged as a resource dir). */
    public static HostRenderer create() {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_35);
        cfg.setTemplateLoader(new ClassTemplateLoader(HostRenderer.class, "/templates"));
        cfg.setDefaultEncoding(StandardCharsets.UTF_8.name());
        cfg.setOutputEncoding(StandardCharsets.UTF_8.name());
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setLocalizedLookup(false);
        cfg.setLocale(Locale.ROOT);
        cfg.setNumberFormat("computer");
        cfg.setBooleanFormat("c");
        cfg.setOutputFormat(PlainTextOutputFormat.INSTANCE);
        cfg.setAPIBuiltinEnabled(false);
        return new HostRenderer(cfg);
    }

    /** {@code turnserver.conf} for any profile (production or local). */
    public String renderTurnServerConf(TurnServerSpec spec) {
        Map<String, Object> data = new HashMap<>();
        data.put("spec", spec);
        return render(HostTemplate.TURNSERVER_CONF, data);
    }

    /** The host script that makes coturn's userdb secrets equal to the secret files ({@link SecretStore}). */
    public String renderSecretSync(SecretStore store) {
        return render(HostTemplate.SECRET_SYNC, Map.of("store", store));
    }

    /**
     * Every file of a production host, in install order; the last one is the cloud-init user-data (path
     * {@link #CLOUD_INIT_PATH}), which embeds all others.
     */
    public List<FileSpec> renderHost(HostSpec host) {
        List<FileSpec> files = new ArrayList<>();
        Map<String, Object> data = new HashMap<>();
        data.put("host", host);
        data.put("firewall", FirewallRule.publicInbound(host.config()));
        data.put("store", host.secretStore());
        data.put("cred", Map.of("secret", HostSpec.CRED_SECRET, "previousSecret", HostSpec.CRED_PREVIOUS_SECRET,
                "tlsCert", HostSpec.CRED_TLS_CERT, "tlsKey", HostSpec.CRED_TLS_KEY));
        for (HostTemplate t : HostTemplate.values()) {
            if (t == HostTemplate.TURNSERVER_CONF) {
                files.add(new FileSpec(host.coturnConfigPath(), t.mode(), "root:" + host.coturnGroup(),
                        renderTurnServerConf(host.turn()), !host.turn().secretsInUserDb()));
            } else if (t.hostPath() != null) {
                files.add(new FileSpec(t.hostPath(), t.mode(), "root:root", render(t, data), t.secret()));
            }
        }
        List<String> secrets = host.turn().secrets();
        for (int i = 0; i < host.secretFiles().size(); i++) {
            files.add(new FileSpec(host.secretFiles().get(i), "0600", "root:root", secrets.get(i) + "\n", true));
        }
        Map<String, Object> cloudInit = new HashMap<>(data);
        cloudInit.put("files", List.copyOf(files));
        cloudInit.put("indent", (TemplateMethodModelEx) HostRenderer::yamlBlock);
        files.add(new FileSpec(CLOUD_INIT_PATH, HostTemplate.CLOUD_INIT.mode(), "root:root",
                render(HostTemplate.CLOUD_INIT, cloudInit), true));
        return List.copyOf(files);
    }

    /**
     * A host file with what a change to it needs ({@link OnChange}, declared next to its template);
     * {@code secretOnly}: the whole content is a secret value (the TURN secret files), never to be shown.
     */
    public record HostFile(FileSpec spec, OnChange onChange, boolean secretOnly) {
    }

    /**
     * What a change to a TURN secret file needs: coturn's userdb rows are synced from it first (no coturn restart,
     * {@link SecretStore}), then the credentials unit, which copies it with {@code LoadCredential=} at start, and the
     * check service, which reads it at its start, are restarted (neither carries a call).
     */
    public static final OnChange SECRET_FILE_ON_CHANGE = OnChange.parse("run " + SecretStore.SYNC_SCRIPT
            + "; try-restart turnkit-credentials.service; try-restart turnkit-check.service");

    /**
     * Every file that lives on a running host (all of {@link #renderHost} but the cloud-init user-data, which is
     * instance metadata), each with the {@link OnChange} its template declares.
     */
    public List<HostFile> renderHostFiles(HostSpec host) {
        java.util.Map<String, OnChange> declared = new HashMap<>();
        declared.put(host.coturnConfigPath(), onChange(HostTemplate.TURNSERVER_CONF));
        for (HostTemplate t : HostTemplate.values()) {
            if (t.hostPath() != null) {
                declared.put(t.hostPath(), onChange(t));
            }
        }
        host.secretFiles().forEach(f -> declared.put(f, SECRET_FILE_ON_CHANGE));
        List<HostFile> out = new ArrayList<>();
        for (FileSpec f : renderHost(host)) {
            if (!f.path().equals(CLOUD_INIT_PATH)) {
                out.add(new HostFile(f, java.util.Objects.requireNonNull(declared.get(f.path()), f.path()),
                        host.secretFiles().contains(f.path())));
            }
        }
        return List.copyOf(out);
    }

    /** The {@code turnkit:on-change} declaration of a template (read from its source). */
    public OnChange onChange(HostTemplate t) {
        try (java.io.InputStream in = HostRenderer.class.getResourceAsStream("/templates/" + t.source())) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("templates/" + t.source() + " not on the classpath"));
            }
            return OnChange.fromTemplateSource(t.source(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read templates/" + t.source(), e);
        }
    }

    /** Only the cloud-init user-data of a host (what the Pulumi program passes as instance metadata). */
    public String renderUserData(HostSpec host) {
        List<FileSpec> files = renderHost(host);
        return files.get(files.size() - 1).content();
    }

    /**
     * Where the user-data would live on the host (cloud-init's copy); it is handed to the instance as metadata
     * {@code user_data}, not written by turnkit.
     */
    public static final String CLOUD_INIT_PATH = "/var/lib/cloud/instance/user-data.txt";

    private String render(HostTemplate t, Map<String, Object> data) {
        Map<String, Object> model = new HashMap<>(data);
        model.put("header", t.header());
        try {
            Template template = freemarker.getTemplate(t.source());
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString();
        } catch (TemplateException e) {
            throw new RenderException("templates/" + t.source() + ": " + firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read templates/" + t.source(), e);
        }
    }

    /** The body of a YAML literal block ({@code content: |}): every non-empty line indented by six spaces. */
    private static Object yamlBlock(List<?> args) throws TemplateModelException {
        if (args.size() != 1 || !(args.get(0) instanceof TemplateScalarModel s)) {
            throw new TemplateModelException("indent(text) takes one string");
        }
        String text = s.getAsString();
        if (text.isEmpty() || Character.isWhitespace(text.charAt(0)) || !text.endsWith("\n")) {
            throw new TemplateModelException("a literal block needs non-empty content that starts with a visible "
                    + "character and ends with a newline");
        }
        StringBuilder out = new StringBuilder();
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            out.append(line.isEmpty() ? "" : "      " + line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "template error";
        }
        String trimmed = s.strip();
        int nl = trimmed.indexOf('\n');
        return nl < 0 ? trimmed : trimmed.substring(0, nl);
    }
}
