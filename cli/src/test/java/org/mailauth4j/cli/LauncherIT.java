package org.mailauth4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built artifacts, as a user runs them: {@code cli/target/mailauth4j.jar} with {@code java -jar}
 * and the {@code bin/mailauth4j} launcher, in separate processes. Runs after {@code package}.
 */
class LauncherIT {
    record Run(int exitCode, String out, String err, long millis) {
    }

    static Run run(Path dir, Map<String, String> env, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile("out", ".txt");
        Path err = Files.createTempFile("err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", cmd));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), ms);
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    static Path root() {
        return Examples.root();
    }

    @Test
    void launcherVerifiesTheExampleArchiveOffline() throws Exception {
        Run r = run(root(), Map.of(), "bin/mailauth4j", "verify", "--dns", "examples/dns.zone", "--at", Examples.at(), "examples/");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("== examples/messages/01-rsa-signed.eml").contains("== examples/messages/06-unsigned.eml");
        assertThat(r.out().split("\n\n")).hasSize(6);
        assertThat(r.err()).isEmpty(); // no logging noise, no progress when stderr is not a terminal
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Run one = run(root(), Map.of(), "bin/mailauth4j", "verify", "--dns", "examples/dns.zone", "--at", Examples.at(),
                    "examples/messages/01-rsa-signed.eml");
            assertThat(one.exitCode()).isZero();
            times.add(one.millis());
        }
        System.out.println("one-message verify through bin/mailauth4j, wall ms: " + times);
    }

    @Test
    void jarRunsWithJavaDashJar() throws Exception {
        Run v = run(root(), Map.of(), javaBin(), "-jar", "cli/target/mailauth4j.jar", "--version");
        assertThat(v.exitCode()).isZero();
        assertThat(v.out()).startsWith("mailauth4j 0.1.0");
        Run j = run(root(), Map.of(), javaBin(), "-jar", "cli/target/mailauth4j.jar", "verify", "--json", "--dns",
                "examples/dns.jsonl", "--at", Examples.at(), "examples/messages/02-ed25519-signed.eml");
        assertThat(j.exitCode()).isZero();
        assertThat(j.out()).startsWith("{\"file\":\"examples/messages/02-ed25519-signed.eml\"").contains("\"result\":\"pass\"");
        Run bad = run(root(), Map.of(), javaBin(), "-jar", "cli/target/mailauth4j.jar", "verify", "--no-such");
        assertThat(bad.exitCode()).isEqualTo(2);
        Run missing = run(root(), Map.of(), javaBin(), "-jar", "cli/target/mailauth4j.jar", "verify", "--dns",
                "examples/dns.zone", "no-such.eml");
        assertThat(missing.exitCode()).isEqualTo(1);
    }

    @Test
    void shadedJarManifestAndContents() throws IOException {
        try (JarFile jar = new JarFile(root().resolve("cli/target/mailauth4j.jar").toFile())) {
            Manifest m = jar.getManifest();
            assertThat(m.getMainAttributes().getValue("Main-Class")).isEqualTo("org.mailauth4j.cli.Main");
            assertThat(m.getMainAttributes().getValue("Automatic-Module-Name")).isEqualTo("org.mailauth4j.cli");
            assertThat(jar.stream().map(e -> e.getName()))
                    .noneMatch(n -> n.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)"))
                    .contains("org/mailauth4j/Authenticator.class", "picocli/CommandLine.class");
        }
    }

    @Test
    void launcherSaysHowToBuildWhenTheJarIsMissing() throws Exception {
        Run r = run(root(), Map.of("MAILAUTH4J_JAR", "/nonexistent/mailauth4j.jar"), "bin/mailauth4j", "--version");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("not found").contains("mvn -B -q -DskipTests package -pl cli -am");
    }

    @Test
    void launcherWorksThroughASymlinkFromAnotherDirectory(@TempDir Path tmp) throws Exception {
        Path link = tmp.resolve("m4j");
        Files.createSymbolicLink(link, root().resolve("bin/mailauth4j"));
        Run r = run(tmp, Map.of(), link.toString(), "--version");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("mailauth4j ");
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
