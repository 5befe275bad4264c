package org.mailauth4j.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageParserTest {

    private static Message parse(String s) throws MessageFormatException {
        return Message.parse(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String body(Message m) {
        return new String(m.body(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void lfAndBareCrAreNormalisedToCrlf() throws Exception {
        Message m = parse("From: a@b.c\nSubject: x\n y\r\rline1\rline2\nline3");
        assertThat(m.headers()).hasSize(2);
        assertThat(m.headers().get(1).toString()).isEqualTo("Subject: x\r\n y");
        assertThat(body(m)).isEqualTo("line1\r\nline2\r\nline3");
    }

    @Test
    void mboxFromLineIsDroppedAndWhitespaceBeforeColonKept() throws Exception {
        Message m = parse("From someone Mon Jan 1\r\nSubject : hi\r\n\r\nbody\r\n");
        assertThat(m.headers()).hasSize(1);
        assertThat(m.headers().get(0).name()).isEqualTo("Subject");
        assertThat(m.headers().get(0).value()).isEqualTo(" hi");
        assertThat(body(m)).isEqualTo("body\r\n");
    }

    @Test
    void headerOnlyMessageHasEmptyBody() throws Exception {
        Message m = parse("A: 1\r\nB: 2");
        assertThat(m.headers()).extracting(HeaderField::name).containsExactly("A", "B");
        assertThat(m.bodyLength()).isZero();
    }

    @Test
    void tooManyFieldsNamesTheLimit() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            sb.append("X: ").append(i).append("\r\n");
        }
        assertThatThrownBy(() -> Message.parse(sb.toString().getBytes(StandardCharsets.US_ASCII), new MessageLimits(1 << 20, 10, 1000)))
                .isInstanceOf(MessageLimitException.class).hasMessageContaining("maxHeaderFields");
    }

    @Test
    void crlfSplitAcrossChunksGivesSameResult() throws Exception {
        byte[] raw = "A: 1\r\n\r\nx\r\ny\r".getBytes(StandardCharsets.US_ASCII);
        StringBuilder seen = new StringBuilder();
        MessageParser p = new MessageParser(new MessageHandler() {
            @Override
            public void bodyChunk(byte[] buf, int off, int len) {
                seen.append(new String(buf, off, len, StandardCharsets.ISO_8859_1));
            }
        });
        for (byte b : raw) {
            p.feed(new byte[] {b});
        }
        p.finish();
        assertThat(seen.toString()).isEqualTo("x\r\ny\r\n");
    }
}
