package org.mailauth4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mailauth4j.AuthenticationReport;
import org.mailauth4j.AuthenticationSession;
import org.mailauth4j.Authenticator;
import org.mailauth4j.Envelope;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.MessageFormatException;
import org.mailauth4j.core.message.MessageHandler;
import org.mailauth4j.core.message.MessageLimits;
import org.mailauth4j.core.message.MessageParser;

/**
 * An authentication session for a message whose trace fields are needed ({@link MessageTrace}):
 * the header section is parsed once, here; when it ends, the session starts with the given
 * envelope, or with the one the trace fields give (so SPF is evaluated with it), and receives the
 * header fields and then the body.
 */
final class TracedSession implements MessageHandler {
    private final Authenticator auth;
    private final Envelope fixed;
    private final MessageParser parser = new MessageParser(MessageLimits.DEFAULT, this);
    private final List<HeaderField> headers = new ArrayList<>();
    private AuthenticationSession session;
    private MessageTrace trace = MessageTrace.NONE;
    private MessageFormatException problem;

    /**
     * @param fixed the SMTP envelope, or {@code null} to take it from the trace fields
     */
    TracedSession(Authenticator auth, Envelope fixed) {
        this.auth = auth;
        this.fixed = fixed;
    }

    /** The next chunk of the raw message. */
    void feed(byte[] buf, int off, int len) throws MessageFormatException {
        parser.feed(buf, off, len);
        if (problem != null) {
            throw problem;
        }
    }

    /** Ends the message; the report of the session. */
    CompletableFuture<AuthenticationReport> finish() throws MessageFormatException {
        parser.finish();
        if (problem != null) {
            throw problem;
        }
        return session.finish();
    }

    /** The trace fields' data; complete once the header section ended. */
    MessageTrace trace() {
        return trace;
    }

    @Override
    public void headerField(HeaderField field) {
        headers.add(field); // bounded by the parser's MessageLimits
    }

    @Override
    public void endOfHeaders() {
        trace = MessageTrace.of(headers);
        session = auth.newSession().envelope(fixed != null ? fixed : trace.envelope());
        try {
            for (HeaderField f : headers) {
                session.headerField(f);
            }
        } catch (MessageFormatException e) {
            problem = e;
        }
        session.endOfHeaders();
        headers.clear();
    }

    @Override
    public void bodyChunk(byte[] buf, int off, int len) {
        if (problem == null) {
            session.body(buf, off, len);
        }
    }
}
