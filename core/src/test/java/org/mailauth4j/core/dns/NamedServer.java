package org.mailauth4j.core.dns;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.mailauth4j.testing.TestData;

/**
 * A BIND {@code named} (Debian {@code bind9}) serving the test zones on 127.0.0.1 and a free
 * unprivileged port, started in the foreground and stopped by its pid. Without {@code named}
 * the test is skipped with a message, except in CI ({@code CI=true}), where it fails.
 */
final class NamedServer {
    private static final List<String> ZONES = List.of("example.com", "example.org", "2.0.192.in-addr.arpa");

    private final Process process;
    private final Path dir;
    final InetSocketAddress address;

    private NamedServer(Process process, Path dir, InetSocketAddress address) {
        this.process = process;
        this.dir = dir;
        this.address = address;
    }

    static Path namedBinary() {
        for (String p : List.of("/usr/sbin/named", "/usr/local/sbin/named", "/usr/bin/named")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                Path p = Path.of(d, "named");
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    static NamedServer start(Path dir) throws IOException, InterruptedException {
        Path named = namedBinary();
        if (named == null) {
            if (TestData.inCi()) {
                fail("BIND named is not installed; .ci/run installs bind9");
            }
            Assumptions.abort("BIND named is not installed here (Debian package bind9); skipped, CI runs it");
        }
        int port = freePort();
        StringBuilder conf = new StringBuilder();
        conf.append("options {\n")
                .append("  directory \"").append(dir).append("\";\n")
                .append("  pid-file \"").append(dir.resolve("named.pid")).append("\";\n")
                .append("  session-keyfile \"").append(dir.resolve("session.key")).append("\";\n")
                .append("  managed-keys-directory \"").append(dir).append("\";\n")
                .append("  listen-on port ").append(port).append(" { 127.0.0.1; };\n")
                .append("  listen-on-v6 { none; };\n")
                .append("  recursion no;\n  dnssec-validation no;\n  notify no;\n")
                .append("};\ncontrols { };\n");
        for (String zone : ZONES) {
            Path file = dir.resolve(zone + ".zone");
            Files.copy(ZoneFileTest.resource(zone + ".zone"), file);
            conf.append("zone \"").append(zone).append("\" { type primary; file \"").append(file).append("\"; };\n");
        }
        Path confFile = dir.resolve("named.conf");
        Files.writeString(confFile, conf.toString());
        ProcessBuilder pb = new ProcessBuilder(named.toString(), "-g", "-c", confFile.toString(), "-n", "1")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("named.log").toFile());
        if ("root".equals(System.getProperty("user.name"))) {
            pb.command().addAll(List.of("-u", "root"));
        }
        Process p = pb.start();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        NamedServer server = new NamedServer(p, dir, address);
        server.awaitReady();
        return server;
    }

    private static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                int port = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    return tcp.getLocalPort();
                } catch (IOException taken) {
                    // TCP side in use: try another
                }
            }
        }
        throw new IOException("no free port for named");
    }

    private void awaitReady() throws IOException, InterruptedException {
        DnsjavaResolver probe = DnsjavaResolver.builder().server(address).timeout(Duration.ofMillis(200)).retries(0).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("named exited with " + process.exitValue() + ":\n" + log());
            }
            if (probe.txt("example.com").join().hasRecords()) {
                return;
            }
            Thread.sleep(100);
        }
        stop();
        throw new IOException("named did not answer within 20 s:\n" + log());
    }

    String log() throws IOException {
        Path log = dir.resolve("named.log");
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    /** Stops named by its pid (SIGTERM, then SIGKILL after 10 s). */
    void stop() throws InterruptedException {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
