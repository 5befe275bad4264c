package org.mailauth4j.dkim;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mailauth4j.core.message.MessageHandler;

/**
 * Computes every body hash a message needs in one pass over the body (RFC 6376 §3.7 "bh=", and
 * RFC 8617 §4.1.2 AMS "bh="). Callers register {@linkplain #request requests} keyed by
 * (body canonicalization, hash algorithm, length limit) before the body arrives; identical keys
 * share one digest. Each canonicalization in use runs once over the body; each distinct digest
 * is fed in bulk. Nothing is kept of the body, so memory stays flat with message size.
 *
 * <p>Use it as a {@link MessageHandler} (only {@link #bodyChunk} and {@link #endOfMessage}
 * matter), or call {@link #update} and {@link #finish} directly with CRLF-normalised bytes.
 * Not thread-safe: one message, one thread at a time.
 */
public final class BodyHasher implements MessageHandler {
    private final List<Request> requests = new ArrayList<>(4);
    private BodyCanonicalizer simple;
    private BodyCanonicalizer relaxed;
    private Request[] simpleDigests = new Request[0];
    private Request[] relaxedDigests = new Request[0];
    private boolean started;
    /** The body comes raw (see {@link #takesRawBody}); no more requests. */
    private boolean raw;
    private boolean finished;

    /**
     * Registers a body hash to compute. Must be called before the first body byte.
     *
     * @param canonicalization body canonicalization ({@code c=} after the slash)
     * @param hash the hash algorithm
     * @param limit the {@code l=} length limit in canonical bytes, or -1 for the whole body
     * @return a handle whose {@link Request#digest()} is available after {@link #finish()}; an
     *         equal request made earlier is returned again, sharing its digest
     */
    public Request request(Canonicalization canonicalization, HashAlgorithm hash, long limit) {
        Objects.requireNonNull(canonicalization, "canonicalization");
        Objects.requireNonNull(hash, "hash");
        if (started || raw) {
            throw new IllegalStateException("body hash requests must be made before the body");
        }
        long l = limit < 0 ? -1 : limit;
        for (Request r : requests) {
            if (r.canonicalization == canonicalization && r.hash == hash && r.limit == l) {
                return r;
            }
        }
        Request r = new Request(canonicalization, hash, l);
        requests.add(r);
        if (canonicalization == Canonicalization.SIMPLE) {
            simpleDigests = append(simpleDigests, r);
            if (simple == null) {
                simple = new BodyCanonicalizer(canonicalization, (b, off, len) -> feed(simpleDigests, b, off, len));
            }
        } else {
            relaxedDigests = append(relaxedDigests, r);
            if (relaxed == null) {
                relaxed = new BodyCanonicalizer(canonicalization, (b, off, len) -> feed(relaxedDigests, b, off, len));
            }
        }
        return r;
    }

    private static Request[] append(Request[] a, Request r) {
        Request[] n = java.util.Arrays.copyOf(a, a.length + 1);
        n[a.length] = r;
        return n;
    }

    private static void feed(Request[] digests, byte[] b, int off, int len) {
        for (Request r : digests) {
            r.feed(b, off, len);
        }
    }

    /**
     * Lets the hasher take the body with its line endings as they arrive (see
     * {@link MessageHandler#takesRawBody}) when every registered request (if any) uses relaxed body
     * canonicalization, which treats CRLF, bare CR and bare LF alike; simple canonicalization hashes
     * line endings as they are, so it needs CRLF-normalised input. Call it after the requests and
     * before the body.
     *
     * @return whether the body may now be given raw (and will be)
     */
    @Override
    public boolean takesRawBody() {
        if (raw) {
            return true;
        }
        if (started || simple != null) {
            return false;
        }
        if (relaxed != null) {
            relaxed.takeRawInput();
        }
        raw = true; // relaxed requests only, or none at all; a later request could not take raw input
        return true;
    }

    /** The requests registered so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Body bytes (CRLF line endings), in chunks of any size. */
    public void update(byte[] buf, int off, int len) {
        if (finished) {
            throw new IllegalStateException("body already finished");
        }
        started = true;
        if (simple != null) {
            simple.update(buf, off, len);
        }
        if (relaxed != null) {
            relaxed.update(buf, off, len);
        }
    }

    /** The body is complete: finishes canonicalization and every digest. Idempotent. */
    public void finish() {
        if (finished) {
            return;
        }
        started = true;
        finished = true;
        if (simple != null) {
            simple.finish();
        }
        if (relaxed != null) {
            relaxed.finish();
        }
        for (Request r : requests) {
            r.complete(r.canonicalization == Canonicalization.SIMPLE ? simple.written() : relaxed.written());
        }
    }

    public boolean isFinished() {
        return finished;
    }

    @Override
    public void bodyChunk(byte[] buf, int off, int len) {
        update(buf, off, len);
    }

    @Override
    public void endOfMessage() {
        finish();
    }

    /** One registered body hash. */
    public static final class Request {
        private final Canonicalization canonicalization;
        private final HashAlgorithm hash;
        private final long limit;
        private final MessageDigest md;
        private long hashed;
        private long canonicalLength = -1;
        private byte[] digest;

        Request(Canonicalization canonicalization, HashAlgorithm hash, long limit) {
            this.canonicalization = canonicalization;
            this.hash = hash;
            this.limit = limit;
            this.md = hash.newDigest();
        }

        void feed(byte[] b, int off, int len) {
            if (limit >= 0) {
                long room = limit - hashed;
                if (room <= 0) {
                    return;
                }
                if (len > room) {
                    len = (int) room;
                }
            }
            md.update(b, off, len);
            hashed += len;
        }

        void complete(long canonicalLength) {
            this.canonicalLength = canonicalLength;
            this.digest = md.digest();
        }

        public Canonicalization canonicalization() {
            return canonicalization;
        }

        public HashAlgorithm hash() {
            return hash;
        }

        /** The length limit, or -1 for the whole body. */
        public long limit() {
            return limit;
        }

        public boolean isDone() {
            return digest != null;
        }

        /** The body hash; available once the hasher is finished. */
        public byte[] digest() {
            if (digest == null) {
                throw new IllegalStateException("body not finished");
            }
            return digest.clone();
        }

        /** Length of the whole canonical body (independent of the limit); -1 before finish. */
        public long canonicalLength() {
            return canonicalLength;
        }

        /** Number of canonical bytes that went into the digest. */
        public long hashedLength() {
            return hashed;
        }

        @Override
        public String toString() {
            return canonicalization.tagValue() + "/" + hash.tagName() + (limit >= 0 ? "/l=" + limit : "");
        }
    }
}
