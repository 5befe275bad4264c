package org.mailauth4j.arc;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass over the body, any number of body hashes (RFC 6376 §3.7 "bh="): each request is keyed
 * by (canonicalization, length limit); identical keys share one digest. Body bytes arrive
 * CRLF-normalised in chunks of any size ({@link #update}), then {@link #finish} completes every
 * digest. Only SHA-256 is supported (RFC 8301 and RFC 8617 §4.1 rule out SHA-1 here).
 *
 * <p>Package-private stand-in for the DKIM module's shared {@code BodyHasher}; the incremental
 * ARC validator registers its request here so that the caller drives a single body pass.
 */
final class BodyHasher {
    private final List<Stream> streams = new ArrayList<>(2);
    private boolean finished;

    /** A handle to one requested digest. */
    static final class Request {
        private final Stream stream;

        private Request(Stream stream) {
            this.stream = stream;
        }

        /** The digest; only after {@link BodyHasher#finish()}. */
        byte[] digest() {
            if (stream.digest == null) {
                throw new IllegalStateException("body not finished");
            }
            return stream.digest.clone();
        }

        /** Canonical body bytes that were hashed (at most the limit). */
        long hashedLength() {
            return stream.hashed;
        }
    }

    /**
     * Requests the SHA-256 body hash under {@code canon}; {@code limit < 0} means the whole body
     * (no {@code l=}). Must be called before the first body byte.
     */
    Request request(Canonicalization canon, long limit) {
        if (finished) {
            throw new IllegalStateException("body already hashed");
        }
        for (Stream s : streams) {
            if (s.canon == canon && s.limit == limit) {
                return new Request(s);
            }
        }
        Stream s = new Stream(canon, limit);
        streams.add(s);
        return new Request(s);
    }

    /** Next body bytes (CRLF-normalised). */
    void update(byte[] buf, int off, int len) {
        for (Stream s : streams) {
            s.update(buf, off, len);
        }
    }

    /** The body has ended: completes all digests. */
    void finish() {
        if (finished) {
            return;
        }
        finished = true;
        for (Stream s : streams) {
            s.finish();
        }
    }

    /** One canonicalizing hash stream (RFC 6376 §3.4.3 simple, §3.4.4 relaxed body). */
    private static final class Stream {
        private static final byte[] CRLF = {'\r', '\n'};
        final Canonicalization canon;
        final long limit;
        final MessageDigest md;
        long hashed;
        byte[] digest;
        /** CRLFs seen but not yet written: trailing empty lines are dropped at the end. */
        long pendingCrlf;
        /** Relaxed: whitespace seen in the current line and not yet written. */
        boolean pendingWsp;
        boolean content;
        byte[] out = new byte[8192];
        int outLen;

        Stream(Canonicalization canon, long limit) {
            this.canon = canon;
            this.limit = limit;
            try {
                this.md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void update(byte[] buf, int off, int len) {
            boolean relaxed = canon == Canonicalization.RELAXED;
            int end = off + len;
            for (int i = off; i < end; i++) {
                byte b = buf[i];
                if (b == '\r') {
                    continue; // input is CRLF-normalised: the LF ends the line
                }
                if (b == '\n') {
                    pendingWsp = false; // relaxed: WSP at the end of a line is deleted
                    pendingCrlf++;
                    continue;
                }
                if (relaxed && (b == ' ' || b == '\t')) {
                    pendingWsp = true;
                    continue;
                }
                flushPending();
                if (pendingWsp) {
                    put((byte) ' ');
                    pendingWsp = false;
                }
                put(b);
                content = true;
            }
            drain();
        }

        private void flushPending() {
            while (pendingCrlf > 0) {
                put(CRLF[0]);
                put(CRLF[1]);
                pendingCrlf--;
            }
        }

        private void put(byte b) {
            if (outLen == out.length) {
                drain();
            }
            out[outLen++] = b;
        }

        private void drain() {
            if (outLen == 0) {
                return;
            }
            int n = outLen;
            if (limit >= 0) {
                n = (int) Math.max(0, Math.min(n, limit - hashed));
            }
            md.update(out, 0, n);
            hashed += n;
            outLen = 0;
        }

        void finish() {
            // Simple: an empty body is one CRLF; otherwise the last line keeps exactly one CRLF.
            // Relaxed: an empty body stays empty; a non-empty body ends with exactly one CRLF.
            if (content || canon == Canonicalization.SIMPLE) {
                put(CRLF[0]);
                put(CRLF[1]);
            }
            drain();
            digest = md.digest();
        }
    }
}
