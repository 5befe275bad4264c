package org.mailauth4j.dkim;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.core.message.MessageHandler;
import org.mailauth4j.core.text.Ascii;

/**
 * Signs messages (RFC 6376 §5) with {@code rsa-sha256} or {@code ed25519-sha256} (RFC 8463).
 * The result is one DKIM-Signature field, folded at 78 columns, to put above the message's
 * header fields.
 *
 * <pre>{@code
 * DkimSigner signer = DkimSigner.builder("example.com", "sel1", DkimKeys.readPrivateKey(path)).build();
 * HeaderField sig = signer.sign(message);
 * Message signed = message.prepend(List.of(sig));
 * }</pre>
 *
 * Header selection (§5.4): every field named in {@link Builder#headers} that is present is signed
 * (a trailing {@code *} matches a prefix, e.g. {@code List-*}); names in
 * {@link Builder#overSign} are listed once more than they occur, so that adding such a field
 * later breaks the signature (§8.15). {@code l=} is off by default (§8.2).
 */
public final class DkimSigner {
    /** Fields signed by default, when present. */
    public static final List<String> DEFAULT_HEADERS = List.of("From", "To", "Cc", "Subject", "Date", "Message-ID",
            "In-Reply-To", "References", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Reply-To",
            "Sender", "List-*");
    /** Fields over-signed by default (listed one extra time). */
    public static final List<String> DEFAULT_OVERSIGNED = List.of("From", "To", "Cc", "Subject", "Date", "Reply-To",
            "Sender", "Message-ID");
    private static final int MAX_LINE = 78;

    private final String domain;
    private final String selector;
    private final DkimPrivateKey key;
    private final SignatureAlgorithm algorithm;
    private final Canonicalization headerCanonicalization;
    private final Canonicalization bodyCanonicalization;
    private final List<String> headers;
    private final Set<String> overSign;
    private final String identity;
    private final Duration expireAfter;
    private final boolean bodyLength;
    private final boolean timestamp;
    private final Clock clock;

    private DkimSigner(Builder b) {
        this.domain = b.domain;
        this.selector = b.selector;
        this.key = b.key;
        this.algorithm = b.key.keyType().equals("ed25519") ? SignatureAlgorithm.ED25519_SHA256 : SignatureAlgorithm.RSA_SHA256;
        this.headerCanonicalization = b.headerCanonicalization;
        this.bodyCanonicalization = b.bodyCanonicalization;
        this.headers = List.copyOf(b.headers);
        Set<String> over = new LinkedHashSet<>();
        for (String n : b.overSign) {
            over.add(Ascii.toLowerCase(n));
        }
        this.overSign = over;
        this.identity = b.identity;
        this.expireAfter = b.expireAfter;
        this.bodyLength = b.bodyLength;
        this.timestamp = b.timestamp;
        this.clock = b.clock;
    }

    /**
     * @param domain {@code d=}, the signing domain
     * @param selector {@code s=}
     * @param key an RSA (≥ 1024 bits) or Ed25519 key
     */
    public static Builder builder(String domain, String selector, DkimPrivateKey key) {
        return new Builder(domain, selector, key);
    }

    /** The signature algorithm, from the key type. */
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * Signs a message held in memory.
     *
     * @return the DKIM-Signature field (with its CRLF) to prepend
     * @throws DkimFormatException when the message has no From field, or more than one
     */
    public HeaderField sign(Message message) throws DkimFormatException {
        Session s = newSession();
        message.replay(s);
        return s.signature();
    }

    /** A streaming signing session: feed it a message, then call {@link Session#signature()}. */
    public Session newSession() {
        return new Session();
    }

    /** One message being signed. */
    public final class Session implements MessageHandler {
        private final List<HeaderField> fields = new ArrayList<>();
        private final BodyHasher hasher = new BodyHasher();
        private BodyHasher.Request body;
        private boolean ended;

        private Session() {
        }

        @Override
        public void headerField(HeaderField field) {
            if (body == null) {
                fields.add(field);
            }
        }

        @Override
        public void endOfHeaders() {
            if (body == null) {
                body = hasher.request(bodyCanonicalization, algorithm.hash(), -1);
            }
        }

        @Override
        public void bodyChunk(byte[] buf, int off, int len) {
            endOfHeaders();
            hasher.update(buf, off, len);
        }

        @Override
        public void endOfMessage() {
            endOfHeaders();
            hasher.finish();
            ended = true;
        }

        /** The DKIM-Signature field; call after the message ended. */
        public HeaderField signature() throws DkimFormatException {
            if (!ended) {
                throw new IllegalStateException("the message has not ended");
            }
            return compose(fields, body);
        }
    }

    private HeaderField compose(List<HeaderField> fields, BodyHasher.Request body) throws DkimFormatException {
        int froms = 0;
        for (HeaderField f : fields) {
            if (f.hasName("From")) {
                froms++;
            }
        }
        if (froms != 1) {
            throw new DkimFormatException(froms == 0 ? "message has no From field; DKIM signatures must cover From (RFC 6376 section 5.4)"
                    : "message has " + froms + " From fields (RFC 5322 section 3.6 allows one)");
        }
        List<String> names = signedNames(fields);
        long now = clock.instant().getEpochSecond();
        Folder f = new Folder(DkimSignature.FIELD + ":");
        f.item("v=1;");
        f.item("a=" + algorithm.tagValue() + ";");
        f.item("c=" + headerCanonicalization.tagValue() + "/" + bodyCanonicalization.tagValue() + ";");
        f.item("d=" + domain + ";");
        f.item("s=" + selector + ";");
        if (identity != null) {
            f.item("i=" + quotedPrintable(identity) + ";");
        }
        if (timestamp) {
            f.item("t=" + now + ";");
        }
        if (expireAfter != null) {
            f.item("x=" + (now + expireAfter.getSeconds()) + ";");
        }
        if (bodyLength) {
            f.item("l=" + body.canonicalLength() + ";");
        }
        List<String> h = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            h.add((i == 0 ? "h=" : "") + names.get(i) + (i == names.size() - 1 ? ";" : ":"));
        }
        f.pieces(h);
        f.base64("bh=", Base64.getEncoder().encodeToString(body.digest()) + ";");
        f.item("b=");
        String unsigned = f.text();
        byte[] digest = HeaderHasher.digest(algorithm.hash(), headerCanonicalization,
                HeaderSelector.select(fields, names), HeaderField.of(unsigned).raw());
        byte[] sig = algorithm.sign(key, digest);
        f.continueBase64(Base64.getEncoder().encodeToString(sig));
        return HeaderField.of(f.text());
    }

    /** The h= list for these fields: configured names present (with multiplicity), plus over-signing. */
    List<String> signedNames(List<HeaderField> fields) {
        List<String> out = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (String pattern : headers) {
            List<String> expanded = new ArrayList<>();
            if (pattern.endsWith("*")) {
                String prefix = Ascii.toLowerCase(pattern.substring(0, pattern.length() - 1));
                for (HeaderField hf : fields) {
                    String lower = hf.lowerName();
                    if (lower.startsWith(prefix) && !expanded.stream().anyMatch(e -> Ascii.equalsIgnoreCase(e, lower))) {
                        expanded.add(hf.name());
                    }
                }
            } else {
                expanded.add(pattern);
            }
            for (String name : expanded) {
                String lower = Ascii.toLowerCase(name);
                if (!done.add(lower)) {
                    continue;
                }
                int count = 0;
                for (HeaderField hf : fields) {
                    if (hf.hasName(name)) {
                        count++;
                    }
                }
                if (overSign.contains(lower)) {
                    count++;
                }
                for (int i = 0; i < count; i++) {
                    out.add(name);
                }
            }
        }
        for (String extra : overSign) { // over-signed names not in the header list
            if (!done.contains(extra)) {
                int count = 1;
                for (HeaderField hf : fields) {
                    if (hf.hasName(extra)) {
                        count++;
                    }
                }
                for (int i = 0; i < count; i++) {
                    out.add(extra);
                }
            }
        }
        return out;
    }

    /** dkim-quoted-printable (RFC 6376 §2.11) for i=: ';', '=', WSP, controls and 8-bit octets as =XX. */
    static String quotedPrintable(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != ';' && c != '=') {
                sb.append((char) c);
            } else {
                sb.append('=').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    /** Builds a field folded at {@value #MAX_LINE} columns: breaks only where FWS is allowed. */
    private static final class Folder {
        private final StringBuilder sb = new StringBuilder();
        private int col;

        Folder(String start) {
            sb.append(start);
            col = start.length();
        }

        private void fold() {
            sb.append("\r\n ");
            col = 1;
        }

        /** An unbreakable "tag=value;" item, preceded by a space or a fold. */
        void item(String text) {
            if (col + 1 + text.length() > MAX_LINE) {
                fold();
            } else {
                sb.append(' ');
                col++;
            }
            sb.append(text);
            col += text.length();
        }

        /** Pieces that may be separated by folds (the first is the item start). */
        void pieces(List<String> pieces) {
            item(pieces.get(0));
            for (int i = 1; i < pieces.size(); i++) {
                String p = pieces.get(i);
                if (col + p.length() > MAX_LINE) {
                    fold();
                }
                sb.append(p);
                col += p.length();
            }
        }

        /** "tag=" followed by base64 text that may be folded anywhere. */
        void base64(String tag, String value) {
            item(tag);
            continueBase64(value);
        }

        void continueBase64(String value) {
            int i = 0;
            while (i < value.length()) {
                if (col >= MAX_LINE) {
                    fold();
                }
                int n = Math.min(value.length() - i, MAX_LINE - col);
                sb.append(value, i, i + n);
                col += n;
                i += n;
            }
        }

        String text() {
            return sb.toString();
        }
    }

    /** Configures a {@link DkimSigner}. */
    public static final class Builder {
        private final String domain;
        private final String selector;
        private final DkimPrivateKey key;
        private Canonicalization headerCanonicalization = Canonicalization.RELAXED;
        private Canonicalization bodyCanonicalization = Canonicalization.RELAXED;
        private List<String> headers = DEFAULT_HEADERS;
        private List<String> overSign = DEFAULT_OVERSIGNED;
        private String identity;
        private Duration expireAfter;
        private boolean bodyLength;
        private boolean timestamp = true;
        private Clock clock = Clock.systemUTC();

        private Builder(String domain, String selector, DkimPrivateKey key) {
            this.domain = Objects.requireNonNull(domain, "domain");
            this.selector = Objects.requireNonNull(selector, "selector");
            this.key = Objects.requireNonNull(key, "key");
        }

        /** Header and body canonicalization (default relaxed/relaxed). */
        public Builder canonicalization(Canonicalization header, Canonicalization body) {
            this.headerCanonicalization = Objects.requireNonNull(header);
            this.bodyCanonicalization = Objects.requireNonNull(body);
            return this;
        }

        /** Names of fields to sign when present; a trailing '*' matches a prefix. Must include From. */
        public Builder headers(List<String> names) {
            if (names.stream().noneMatch(n -> Ascii.equalsIgnoreCase(n, "from"))) {
                throw new IllegalArgumentException("the signed header list must include From (RFC 6376 section 5.4)");
            }
            this.headers = List.copyOf(names);
            return this;
        }

        /** Names listed one extra time in h= so that adding such a field breaks the signature. */
        public Builder overSign(List<String> names) {
            this.overSign = List.copyOf(names);
            return this;
        }

        /** {@code i=}, e.g. {@code "@mail.example.com"} or {@code "user@example.com"}; its domain must be d= or below. */
        public Builder identity(String identity) {
            this.identity = identity;
            return this;
        }

        /** Adds {@code x=} that many seconds after {@code t=}. */
        public Builder expireAfter(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("expiry must be positive");
            }
            this.expireAfter = d;
            return this;
        }

        /** Whether to add {@code l=} (off by default: RFC 6376 §8.2 explains the risk). */
        public Builder bodyLength(boolean on) {
            this.bodyLength = on;
            return this;
        }

        /** Whether to add {@code t=} (default on). */
        public Builder timestamp(boolean on) {
            this.timestamp = on;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** @throws IllegalArgumentException when d=, s= or i= are invalid, or the RSA key is under 1024 bits */
        public DkimSigner build() {
            String p = DkimSignature.domainProblem(domain);
            if (p != null) {
                throw new IllegalArgumentException("invalid domain " + domain + ": " + p);
            }
            p = DkimSignature.domainProblem(selector);
            if (p != null) {
                throw new IllegalArgumentException("invalid selector " + selector + ": " + p);
            }
            if (identity != null) {
                int at = identity.lastIndexOf('@');
                if (at < 0 || !DkimSignature.isSameOrSubdomain(identity.substring(at + 1), domain)) {
                    throw new IllegalArgumentException("i=" + identity + " must be in d=" + domain);
                }
            }
            if (key.keyType().equals("rsa") && key.publicKey().bits() < 1024) {
                throw new IllegalArgumentException("RSA keys under 1024 bits must not be used (RFC 8301 section 3.2)");
            }
            return new DkimSigner(this);
        }
    }
}
