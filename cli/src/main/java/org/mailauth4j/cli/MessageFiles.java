package org.mailauth4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.core.message.MessageFormatException;

/** Reading one message for {@code sign} and {@code seal}, and writing it back in the input's line-ending style. */
final class MessageFiles {
    /** The most a message given to sign or seal may weigh (they hold it in memory). */
    static final int MAX_BYTES = 64 << 20;

    private MessageFiles() {
    }

    /** A message and whether its file used bare LF line endings (so output keeps them). */
    record Loaded(Message message, boolean lf) {
    }

    /** Reads {@code file}, or standard input for {@code -}. */
    static Loaded read(String file, InputStream stdin) throws IOException, MessageFormatException {
        byte[] raw;
        if (file.equals("-")) {
            raw = readBounded(stdin);
        } else {
            Path p = Path.of(file);
            if (Files.size(p) > MAX_BYTES) {
                throw new IOException(file + ": larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            raw = Files.readAllBytes(p);
        }
        boolean cr = false;
        for (byte b : raw) {
            if (b == '\r') {
                cr = true;
                break;
            }
        }
        return new Loaded(Message.parse(raw), !cr);
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
            if (out.size() > MAX_BYTES) {
                throw new IOException("standard input: larger than " + (MAX_BYTES >> 20) + " MiB");
            }
        }
        return out.toByteArray();
    }

    /** Writes the message; with {@code lf}, CRLF line endings become LF. */
    static void write(OutputStream out, Message m, boolean lf) throws IOException {
        byte[] b = m.toBytes();
        if (lf) {
            ByteArrayOutputStream o = new ByteArrayOutputStream(b.length);
            for (int i = 0; i < b.length; i++) {
                if (b[i] == '\r' && i + 1 < b.length && b[i + 1] == '\n') {
                    continue;
                }
                o.write(b[i]);
            }
            b = o.toByteArray();
        }
        out.write(b);
        out.flush();
    }
}
