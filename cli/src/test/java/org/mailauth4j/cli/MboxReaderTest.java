package org.mailauth4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MboxReaderTest {

    private static List<String> split(String mbox, int chunk) throws IOException {
        List<String> out = new ArrayList<>();
        byte[] all = mbox.getBytes(StandardCharsets.ISO_8859_1);
        // a stream that returns at most `chunk` bytes per read, to exercise line reassembly
        ByteArrayInputStream in = new ByteArrayInputStream(all) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        ByteArrayOutputStream cur = new ByteArrayOutputStream();
        int[] last = {0};
        MboxReader.read(in, new MboxReader.Handler() {
            @Override
            public void start(int index) {
                assertThat(index).isEqualTo(last[0] + 1);
                last[0] = index;
                cur.reset();
            }

            @Override
            public void data(byte[] buf, int off, int len) {
                cur.write(buf, off, len);
            }

            @Override
            public void end() {
                out.add(cur.toString(StandardCharsets.ISO_8859_1));
            }
        });
        return out;
    }

    @Test
    void splitsOnFromLinesAfterBlankLinesAndUnescapesMboxrd() throws IOException {
        String mbox = "From a@b Mon Jan  1 00:00:00 2024\n"
                + "Subject: one\n\n>From the start\n>>From deeper\nbody\n\n"
                + "From c@d Mon Jan  1 00:00:00 2024\n"
                + "Subject: two\n\nbody2\nFrom not a separator (no blank line before)\n";
        for (int chunk : new int[] {1, 3, 7, 4096}) {
            assertThat(split(mbox, chunk)).containsExactly(
                    "Subject: one\n\nFrom the start\n>From deeper\nbody\n",
                    "Subject: two\n\nbody2\nFrom not a separator (no blank line before)\n");
        }
    }

    @Test
    void fileWithoutSeparatorIsOneMessage() throws IOException {
        assertThat(split("Subject: x\r\n\r\nhello\r\n", 5)).containsExactly("Subject: x\r\n\r\nhello\r\n");
        assertThat(split("", 5)).isEmpty();
    }
}
