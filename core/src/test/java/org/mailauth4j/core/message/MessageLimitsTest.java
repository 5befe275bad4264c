package org.mailauth4j.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link MessageLimits}: each bound is enforced while the input arrives and named in the error. */
class MessageLimitsTest {

    /** An input stream that generates its bytes on demand and counts how many were read. */
    private static final class Generated extends InputStream {
        private final byte[] head;
        private final long total;
        private final java.util.function.LongUnaryOperator byteAt;
        long read;

        Generated(String head, long total, java.util.function.LongUnaryOperator byteAt) {
            this.head = head.getBytes(StandardCharsets.US_ASCII);
            this.total = total;
            this.byteAt = byteAt;
        }

        @Override
        public int read() {
            if (read >= total) {
                return -1;
            }
            long i = read++;
            return i < head.length ? head[(int) i] : (int) byteAt.applyAsLong(i - head.length);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (read >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - read);
            for (int k = 0; k < n; k++) {
                b[off + k] = (byte) read();
            }
            return n;
        }
    }

    @Test
    void defaultsAreOneMebibyteAThousandFieldsAndQuarterMebibytePerField() {
        assertThat(MessageLimits.DEFAULT.maxHeaderBytes()).isEqualTo(1 << 20);
        assertThat(MessageLimits.DEFAULT.maxHeaderFields()).isEqualTo(1000);
        assertThat(MessageLimits.DEFAULT.maxFieldBytes()).isEqualTo(256 * 1024);
        assertThatThrownBy(() -> new MessageLimits(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageLimits(1, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hundredThousandHeaderFieldsStopAtMaxHeaderFieldsWithoutReadingTheRest() {
        // 100,000 fields "X: 0000000\r\n" (12 bytes each): 1.2 MB generated on demand.
        String line = "X: 0000000\r\n";
        Generated in = new Generated("", 100_000L * line.length(), i -> line.charAt((int) (i % line.length())));
        Recorder r = new Recorder();
        assertThatThrownBy(() -> MessageParser.parse(in, MessageLimits.DEFAULT, r))
                .isInstanceOfSatisfying(MessageLimitException.class, e -> assertThat(e.limit()).isEqualTo("maxHeaderFields"))
                .hasMessageContaining("maxHeaderFields");
        assertThat(r.fields).isEqualTo(1000);
        // The parser read one 64 KiB buffer at most, far less than the 1.2 MB offered.
        assertThat(in.read).isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void tenMegabyteHeaderLineStopsAtMaxFieldBytes() {
        Generated in = new Generated("Subject: ", 10L * 1024 * 1024, i -> 'a');
        assertThatThrownBy(() -> MessageParser.parse(in, MessageLimits.DEFAULT, new Recorder()))
                .isInstanceOfSatisfying(MessageLimitException.class, e -> assertThat(e.limit()).isEqualTo("maxFieldBytes"))
                .hasMessageContaining("maxFieldBytes");
        assertThat(in.read).isLessThanOrEqualTo(256 * 1024 + 64 * 1024);
    }

    @Test
    void maxFieldBytesFailsOnTheFirstByteBeyondTheBound() throws Exception {
        MessageLimits limits = new MessageLimits(1 << 20, 100, 100);
        // A field of exactly 100 raw bytes (98 + CRLF) is accepted.
        String ok = "S: " + "a".repeat(95) + "\r\n";
        assertThat(ok).hasSize(100);
        assertThat(Message.parse(ok.getBytes(StandardCharsets.US_ASCII), limits).headers().get(0).length()).isEqualTo(100);
        // Byte by byte: the 99th byte of the line makes the field 101 bytes with its CRLF.
        MessageParser p = new MessageParser(limits, new Recorder());
        int fed = 0;
        try {
            while (fed < 10_000) {
                p.feed(new byte[] {fed < 3 ? (byte) "S: ".charAt(fed) : (byte) 'a'});
                fed++;
            }
        } catch (MessageLimitException e) {
            assertThat(e.limit()).isEqualTo("maxFieldBytes");
        }
        assertThat(fed).isEqualTo(98); // bytes 1..98 accepted, byte 99 refused
    }

    @Test
    void foldedContinuationLinesCountTowardsTheField() {
        MessageLimits limits = new MessageLimits(1 << 20, 100, 100);
        StringBuilder sb = new StringBuilder("S: x\r\n");
        for (int i = 0; i < 20; i++) {
            sb.append(" continued\r\n"); // each line is small, the field is not
        }
        assertThatThrownBy(() -> Message.parse(sb.toString().getBytes(StandardCharsets.US_ASCII), limits))
                .isInstanceOfSatisfying(MessageLimitException.class, e -> assertThat(e.limit()).isEqualTo("maxFieldBytes"));
        // Same input fed byte by byte fails on the same limit.
        assertThat(Recorder.parseByteByByte(sb.toString().getBytes(StandardCharsets.US_ASCII), limits))
                .last().asString().contains("maxFieldBytes");
    }

    @Test
    void maxHeaderBytesCountsAllFieldsButNotTheBlankLine() throws Exception {
        MessageLimits limits = new MessageLimits(20, 100, 100);
        // Two fields of 10 bytes: exactly 20 bytes of header.
        byte[] exact = "A: 34567\r\nB: 34567\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII);
        assertThat(Message.parse(exact, limits).headers()).hasSize(2);
        byte[] over = "A: 34567\r\nB: 345678\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Message.parse(over, limits))
                .isInstanceOfSatisfying(MessageLimitException.class, e -> assertThat(e.limit()).isEqualTo("maxHeaderBytes"))
                .hasMessageContaining("maxHeaderBytes = 20");
    }

    @Test
    void maxHeaderFieldsExactBound() throws Exception {
        MessageLimits limits = new MessageLimits(1 << 20, 3, 1000);
        assertThat(Message.parse("A: 1\nB: 2\nC: 3\n\n".getBytes(StandardCharsets.US_ASCII), limits).headers()).hasSize(3);
        assertThatThrownBy(() -> Message.parse("A: 1\nB: 2\nC: 3\nD: 4\n\n".getBytes(StandardCharsets.US_ASCII), limits))
                .isInstanceOfSatisfying(MessageLimitException.class, e -> assertThat(e.limit()).isEqualTo("maxHeaderFields"));
        // Also when the input ends inside the header.
        assertThatThrownBy(() -> Message.parse("A: 1\nB: 2\nC: 3\nD: 4".getBytes(StandardCharsets.US_ASCII), limits))
                .isInstanceOf(MessageLimitException.class);
    }

    @Test
    void bodySizeIsNotLimited() throws Exception {
        MessageLimits limits = new MessageLimits(100, 2, 50);
        byte[] raw = ("A: 1\r\n\r\n" + "x".repeat(10_000)).getBytes(StandardCharsets.US_ASCII);
        assertThat(Message.parse(raw, limits).bodyLength()).isEqualTo(10_000);
    }
}
