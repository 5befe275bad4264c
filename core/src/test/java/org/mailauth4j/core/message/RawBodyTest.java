package org.mailauth4j.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A handler that takes the raw body ({@link MessageHandler#takesRawBody}) gets the body bytes exactly as sent. */
class RawBodyTest {

    /** Records header fields and the body; asks for the raw body. */
    private static final class RawRecorder implements MessageHandler {
        final StringBuilder fields = new StringBuilder();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        int asked;
        boolean headersEnded;

        @Override
        public void headerField(HeaderField field) {
            fields.append(new String(field.raw(), StandardCharsets.ISO_8859_1));
        }

        @Override
        public void endOfHeaders() {
            headersEnded = true;
        }

        @Override
        public boolean takesRawBody() {
            assertThat(headersEnded).as("asked after endOfHeaders").isTrue();
            asked++;
            return true;
        }

        @Override
        public void bodyChunk(byte[] buf, int off, int len) {
            body.write(buf, off, len);
        }
    }

    @Test
    void rawBodyIsDeliveredUnchangedInEveryChunking() throws Exception {
        // the header section ends with each kind of line break; the body mixes all of them
        String[] heads = {"A: 1\r\nB: 2\r\n\r\n", "A: 1\nB: 2\n\n", "A: 1\rB: 2\r\r", "A: 1\r\nB: 2\n\r\n"};
        String body = "x\ry\nz\r\n\r\r\n\n end \r";
        for (String head : heads) {
            byte[] msg = (head + body).getBytes(StandardCharsets.ISO_8859_1);
            for (int cut = 0; cut <= msg.length; cut++) {
                RawRecorder r = new RawRecorder();
                MessageParser p = new MessageParser(r);
                p.feed(msg, 0, cut);
                p.feed(msg, cut, msg.length - cut);
                p.finish();
                String what = head.replace("\r", "\\r").replace("\n", "\\n") + " cut " + cut;
                assertThat(r.fields.toString()).as(what).isEqualTo("A: 1\r\nB: 2\r\n");
                assertThat(r.body.toString(StandardCharsets.ISO_8859_1)).as(what).isEqualTo(body);
                assertThat(r.asked).as(what).isEqualTo(1);
            }
        }
    }

    @Test
    void aHandlerThatDoesNotAskGetsCrlf() throws Exception {
        Recorder r = new Recorder();
        MessageParser p = new MessageParser(r);
        p.feed("A: 1\n\nx\ry\n".getBytes(StandardCharsets.ISO_8859_1));
        p.finish();
        assertThat(r.events).contains("B:x\r\ny\r\n");
    }
}
