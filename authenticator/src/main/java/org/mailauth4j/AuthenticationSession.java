package org.mailauth4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mailauth4j.arc.ArcValidator;
import org.mailauth4j.core.address.AuthorDomain;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.MessageFormatException;
import org.mailauth4j.core.message.MessageHandler;
import org.mailauth4j.core.message.MessageLimitException;
import org.mailauth4j.core.message.MessageParser;
import org.mailauth4j.dkim.BodyHasher;
import org.mailauth4j.dkim.DkimVerifier;
import org.mailauth4j.spf.SpfOutcome;

/**
 * Authenticates one message as it arrives: {@link #envelope} (SPF starts at once), then the
 * header fields ({@link #headerField}) and {@link #endOfHeaders} (DKIM key, ARC and DMARC policy
 * lookups start), then the body in chunks of any size ({@link #body}), then {@link #finish}.
 * Alternatively feed the raw message bytes with {@link #feed}. The body is hashed as it streams,
 * in one pass shared by every DKIM-Signature and ARC-Message-Signature (one digest per distinct
 * canonicalization, algorithm and length), and never held; the result never depends on how the
 * input was chunked.
 *
 * <p>Not thread-safe: one session per message, called from one thread at a time.
 */
public final class AuthenticationSession {
    private enum State { ENVELOPE, HEADERS, BODY, FINISHED }

    private final Authenticator auth;
    private final MessageDns dns;
    private final BodyHasher hasher = new BodyHasher();
    private final DkimVerifier.Session dkim;
    private final ArcValidator.Session arc;
    private final List<HeaderField> headers = new ArrayList<>();
    private CompletableFuture<SpfOutcome> spf;
    private AuthorDomain author;
    private State state = State.ENVELOPE;
    private Envelope envelope = Envelope.NONE;
    private MessageParser parser;
    private boolean fieldCalls;
    private long headerBytes;
    private MessageFormatException headerProblem;

    AuthenticationSession(Authenticator auth) {
        this.auth = auth;
        this.dns = new MessageDns(auth.resolver());
        this.dkim = auth.dkimVerifier(dns).newSession(hasher);
        this.arc = auth.arcValidator(dns).newSession(hasher);
    }

    /** The SMTP envelope; call before the first header field. SPF evaluation starts now. */
    public AuthenticationSession envelope(Envelope envelope) {
        if (state != State.ENVELOPE) {
            throw new IllegalStateException("envelope after the message started");
        }
        this.envelope = envelope == null ? Envelope.NONE : envelope;
        state = State.HEADERS;
        if (this.envelope.hasSpfInput()) {
            Envelope e = this.envelope;
            try {
                spf = e.mailFrom() != null && !e.mailFrom().isEmpty()
                        ? auth.spf().check(e.clientIp(), e.helo(), e.mailFrom())
                        : auth.spf().checkHelo(e.clientIp(), e.helo());
            } catch (RuntimeException ex) {
                spf = CompletableFuture.failedFuture(ex);
            }
        }
        return this;
    }

    /** The next header field, top to bottom. */
    public AuthenticationSession headerField(HeaderField field) throws MessageFormatException {
        if (parser != null) {
            throw new IllegalStateException("headerField after feed: use one input style per session");
        }
        fieldCalls = true;
        addField(field);
        if (headerProblem != null) {
            throw headerProblem;
        }
        return this;
    }

    private void addField(HeaderField field) {
        if (state == State.ENVELOPE) {
            state = State.HEADERS;
        }
        if (state != State.HEADERS) {
            throw new IllegalStateException("header field after the end of the header section");
        }
        if (headerProblem != null) {
            return;
        }
        headerBytes += field.length();
        if (headers.size() >= auth.messageLimits().maxHeaderFields()) {
            headerProblem = new MessageLimitException("maxHeaderFields", auth.messageLimits().maxHeaderFields());
        } else if (headerBytes > auth.messageLimits().maxHeaderBytes()) {
            headerProblem = new MessageLimitException("maxHeaderBytes", auth.messageLimits().maxHeaderBytes());
        } else {
            headers.add(field);
            dkim.headerField(field);
            arc.headerField(field);
        }
    }

    /** The header section is complete; lookups for keys and policies start now. */
    public AuthenticationSession endOfHeaders() {
        if (state == State.ENVELOPE) {
            state = State.HEADERS;
        }
        if (state != State.HEADERS) {
            throw new IllegalStateException("endOfHeaders twice or after finish");
        }
        state = State.BODY;
        if (headerProblem != null) {
            return this;
        }
        dkim.endOfHeaders();
        arc.endOfHeaders();
        author = AuthorDomain.of(headers);
        if (author.isSingle()) {
            try {
                // Start policy discovery now, while the body streams; evaluation later reuses the answers.
                auth.dmarcDiscovery(dns).discover(author.domain());
            } catch (RuntimeException e) {
                // An unusable domain: DMARC evaluation reports it.
            }
        }
        return this;
    }

    /** The next body chunk (CRLF line endings); the bytes are copied or hashed at once, not kept. */
    public AuthenticationSession body(byte[] buf, int off, int len) {
        if (parser != null) {
            throw new IllegalStateException("body after feed: use one input style per session");
        }
        if (state != State.BODY) {
            throw new IllegalStateException("body before endOfHeaders");
        }
        bodyChunk(buf, off, len);
        return this;
    }

    private void bodyChunk(byte[] buf, int off, int len) {
        if (headerProblem != null || len == 0) {
            return;
        }
        hasher.update(buf, off, len); // the one body pass: DKIM and ARC requests share it
    }

    /**
     * Raw message bytes (header section, blank line, body — any line endings), in chunks of any size.
     *
     * @throws MessageFormatException when the bytes are not a message, naming the problem
     */
    public AuthenticationSession feed(byte[] buf, int off, int len) throws MessageFormatException {
        if (fieldCalls) {
            throw new IllegalStateException("feed after headerField: use one input style per session");
        }
        if (state == State.FINISHED) {
            throw new IllegalStateException("feed after finish");
        }
        if (parser == null) {
            if (state == State.ENVELOPE) {
                state = State.HEADERS;
            }
            parser = new MessageParser(auth.messageLimits(), new MessageHandler() {
                @Override
                public void headerField(HeaderField field) {
                    addField(field);
                }

                @Override
                public void endOfHeaders() {
                    AuthenticationSession.this.endOfHeaders();
                }

                @Override
                public void bodyChunk(byte[] b, int o, int n) {
                    AuthenticationSession.this.bodyChunk(b, o, n);
                }

                @Override
                public boolean takesRawBody() {
                    return hasher.takesRawBody(); // the hasher is the body's only reader
                }
            });
        }
        parser.feed(buf, off, len);
        return this;
    }

    /**
     * Ends the message and returns the report. The future completes within the configured
     * timeout, never exceptionally for DNS trouble.
     *
     * @throws MessageFormatException when the input was not a message
     */
    public CompletableFuture<AuthenticationReport> finish() throws MessageFormatException {
        if (state == State.FINISHED) {
            throw new IllegalStateException("finish twice");
        }
        if (parser != null) {
            parser.finish();
        } else if (state != State.BODY) {
            endOfHeaders();
        }
        state = State.FINISHED;
        if (headerProblem != null) {
            throw headerProblem;
        }
        hasher.finish();
        dkim.endOfMessage();
        arc.endOfMessage();
        return Checks.report(auth, envelope, headers, author, dns, spf, dkim.result(), arc.result());
    }
}
