package dev.turnkit.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * One SSH connection to the host (sshj): remote commands and SFTP file transfer, every operation bounded by the
 * target's timeout. The host key is verified ({@link HostKeys}) before authentication.
 */
final class Ssh implements AutoCloseable {
    /** Result of a remote command. */
    record Result(int exit, String stdout, String stderr) {
        boolean ok() {
            return exit == 0;
        }
    }

    private static final int CHUNK = 32 * 1024;
    private final SSHClient client;
    private final SshTarget target;
    private SFTPClient sftp;

    private Ssh(SSHClient client, SshTarget target) {
        this.client = client;
        this.target = target;
    }

    /** Connects, verifies the host key and authenticates with the identity file (or the usual default keys). */
    static Ssh connect(SshTarget target) {
        SSHClient client = new SSHClient(new DefaultConfig());
        HostKeys keys = new HostKeys(target);
        client.addHostKeyVerifier(keys);
        int ms = (int) target.timeout().toMillis();
        client.setConnectTimeout(ms);
        client.setTimeout(ms);
        client.getConnection().setTimeoutMs(ms);
        client.getTransport().setTimeoutMs(ms);
        try {
            client.connect(target.host(), target.port());
        } catch (IOException e) {
            close(client);
            if (keys.refusal() != null) {
                throw keys.refusal();
            }
            throw new DeployException("cannot connect to " + target.host() + ":" + target.port() + " over SSH: "
                    + message(e), e);
        }
        try {
            client.authPublickey(target.user(), keyProviders(client, target));
        } catch (IOException e) {
            close(client);
            throw new DeployException("SSH login as " + target.user() + " on " + target.host() + " failed: "
                    + message(e) + " (check --user and --identity)", e);
        }
        return new Ssh(client, target);
    }

    private static List<KeyProvider> keyProviders(SSHClient client, SshTarget target) throws IOException {
        List<Path> files = new ArrayList<>();
        if (target.identity() != null) {
            if (!Files.isReadable(target.identity())) {
                throw new IOException("identity file " + target.identity() + " is not readable");
            }
            files.add(target.identity());
        } else {
            Path home = Path.of(System.getProperty("user.home"), ".ssh");
            for (String n : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
                if (Files.isReadable(home.resolve(n))) {
                    files.add(home.resolve(n));
                }
            }
        }
        if (files.isEmpty()) {
            throw new IOException("no private key (pass --identity FILE)");
        }
        List<KeyProvider> out = new ArrayList<>();
        for (Path f : files) {
            out.add(client.loadKeys(f.toString()));
        }
        return out;
    }

    /** Runs {@code command} (a POSIX sh script), feeding {@code stdin}; waits at most {@code timeoutSeconds}. */
    Result run(String command, byte[] stdin, long timeoutSeconds) {
        try (Session session = client.startSession()) {
            Session.Command cmd = session.exec(command);
            if (stdin != null) {
                try (OutputStream in = cmd.getOutputStream()) {
                    in.write(stdin);
                }
            }
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = new Thread(() -> copy(cmd.getErrorStream(), err), "ssh-stderr");
            errReader.setDaemon(true);
            errReader.start();
            String out = new String(cmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            cmd.join(timeoutSeconds, TimeUnit.SECONDS);
            errReader.join(TimeUnit.SECONDS.toMillis(2));
            Integer exit = cmd.getExitStatus();
            if (exit == null) {
                throw new DeployException("remote command on " + target.host() + " did not finish within "
                        + timeoutSeconds + " s");
            }
            return new Result(exit, out, err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DeployException("connection to " + target.host() + " lost: " + message(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("interrupted", e);
        }
    }

    /** Runs a script that must succeed; its stdout. */
    String runOk(String what, String script) {
        Result r = run(script, null, Math.max(30, target.timeout().toSeconds() * 3));
        if (!r.ok()) {
            throw new DeployException(what + " failed on " + target.host() + " (exit " + r.exit() + "): "
                    + lastLine(r.stderr().isBlank() ? r.stdout() : r.stderr()));
        }
        return r.stdout();
    }

    /** Writes {@code content} to {@code path} over SFTP, created with mode 0600 (tightened before any byte). */
    void upload(String path, byte[] content) {
        // no try-with-resources: after a lost connection sshj rethrows the write's exception from close(), and
        // adding an exception to itself as suppressed fails
        RemoteFile f = null;
        try {
            f = sftp().open(path, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC),
                    new FileAttributes.Builder().withPermissions(0600).build());
            f.setAttributes(new FileAttributes.Builder().withPermissions(0600).build());
            OutputStream out = f.new RemoteFileOutputStream(0, 16);
            // in SFTP-sized chunks: one large write becomes one packet bigger than the channel window (sshj #715)
            for (int off = 0; off < content.length; off += CHUNK) {
                out.write(content, off, Math.min(CHUNK, content.length - off));
            }
            out.close();
        } catch (IOException e) {
            throw new DeployException("upload of " + path + " to " + target.host() + " failed: " + message(e), e);
        } finally {
            closeQuietly(f);
        }
    }

    /** Reads a remote file over SFTP. */
    byte[] read(String path) {
        RemoteFile f = null;
        try {
            f = sftp().open(path, EnumSet.of(OpenMode.READ));
            InputStream in = f.new RemoteFileInputStream(0);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DeployException("cannot read " + path + " on " + target.host() + ": " + message(e), e);
        } finally {
            closeQuietly(f);
        }
    }

    private static void closeQuietly(RemoteFile f) {
        if (f != null) {
            try {
                f.close();
            } catch (IOException | RuntimeException e) {
                // the connection is gone or the handle already closed; the caller reports the first error
            }
        }
    }

    private SFTPClient sftp() throws IOException {
        if (sftp == null) {
            sftp = client.newSFTPClient();
            sftp.getSFTPEngine().setTimeoutMs((int) target.timeout().toMillis());
        }
        return sftp;
    }

    @Override
    public void close() {
        if (sftp != null) {
            try {
                sftp.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        close(client);
    }

    private static void close(SSHClient client) {
        try {
            client.disconnect();
        } catch (IOException e) {
            // already gone
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // the channel closed
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static String lastLine(String s) {
        String t = s.strip();
        int nl = t.lastIndexOf('\n');
        return t.isEmpty() ? "(no output)" : nl < 0 ? t : t.substring(nl + 1);
    }
}
