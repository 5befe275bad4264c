package org.mailauth4j.benchmarks;

import java.util.List;
import org.mailauth4j.core.message.MessageFormatException;
import org.mailauth4j.core.message.MessageParser;
import org.mailauth4j.dkim.DkimVerification;
import org.mailauth4j.dkim.DkimVerifier;

/** How the benchmarks drive mailauth4j: raw bytes in, streamed through the parser, as an MTA would. */
final class Ours {
    private Ours() {
    }

    static List<DkimVerification> verify(DkimVerifier verifier, byte[] message) {
        DkimVerifier.Session session = verifier.newSession();
        MessageParser parser = new MessageParser(session);
        try {
            parser.feed(message, 0, message.length);
            parser.finish();
        } catch (MessageFormatException e) {
            throw new IllegalStateException(e);
        }
        return session.result().join();
    }

    /** Fails set-up unless every signature passes: a benchmark of a failing path would measure nothing useful. */
    static void requireAllPass(List<DkimVerification> results, int expected) {
        if (results.size() != expected) {
            throw new IllegalStateException("expected " + expected + " signatures, got " + results);
        }
        for (DkimVerification v : results) {
            if (!v.isPass()) {
                throw new IllegalStateException("signature did not pass: " + v);
            }
        }
    }
}
