package org.mailauth4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Memory stays flat with message size: a 200 MiB message, generated and streamed, is signed and
 * verified by a JVM limited to a 64 MiB heap (DESIGN.md: "the body is streamed, never held whole").
 */
class LargeMessageMemoryTest {
    @Test
    void twoHundredMegabyteMessageVerifiesInA64MegabyteHeap() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx64m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), LargeMessageCheck.class.getName(), "200"));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as("finished within 180 s: %s", out).isTrue();
        assertThat(out).contains("max heap ").contains("body 209715200 bytes").contains("[dkim=pass d=example.com s=s1]")
                .doesNotContain("OutOfMemoryError");
        assertThat(p.exitValue()).as(out).isZero();
    }
}
