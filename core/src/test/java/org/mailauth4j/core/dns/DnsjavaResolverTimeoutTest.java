package org.mailauth4j.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link DnsjavaResolver} against a UDP socket that never answers. */
class DnsjavaResolverTimeoutTest {

    @Test
    void silentServerGivesTimeoutWithinTheConfiguredTimeAfterRetries() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            DnsjavaResolver r = DnsjavaResolver.builder()
                    .server((InetSocketAddress) silent.getLocalSocketAddress())
                    .timeout(Duration.ofMillis(400))
                    .retries(1)
                    .build();
            long start = System.nanoTime();
            CompletableFuture<DnsAnswer<String>> f = r.txt("example.com");
            long returnedAfter = System.nanoTime() - start;
            assertThat(f).isNotDone();
            assertThat(TimeUnit.NANOSECONDS.toMillis(returnedAfter)).as("query() must not wait").isLessThan(300);
            DnsAnswer<String> a = f.get(5, TimeUnit.SECONDS);
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(a).isEqualTo(DnsAnswer.tempFail("TIMEOUT"));
            // two attempts of 400 ms each
            assertThat(elapsedMs).isBetween(780L, 2_500L);
            // both attempts reached the socket
            silent.setSoTimeout(500);
            int received = 0;
            byte[] buf = new byte[1500];
            try {
                while (received < 10) {
                    silent.receive(new DatagramPacket(buf, buf.length));
                    received++;
                }
            } catch (SocketTimeoutException expected) {
                // no more datagrams
            }
            assertThat(received).isEqualTo(2);
        }
    }

    @Test
    void invalidNamesAreNotSent() {
        DnsjavaResolver r = DnsjavaResolver.builder()
                .server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9))
                .build();
        DnsAnswer<String> a = r.txt("a..example.com").join();
        assertThat(a.status()).isEqualTo(DnsAnswer.Status.INVALID_NAME);
        assertThat(r.txt("x".repeat(64) + ".example").join().detail()).contains("63");
    }
}
