package org.mailauth4j.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.core.message.MessageFormatException;
import org.mailauth4j.dkim.Canonicalization;
import org.mailauth4j.dkim.DkimFormatException;
import org.mailauth4j.dkim.DkimKeys;
import org.mailauth4j.dkim.DkimPrivateKey;
import org.mailauth4j.dkim.DkimSigner;

/**
 * The deterministic inputs every benchmark shares: realistic plain-text mail of a given size, the
 * signing keys (RSA-2048 from a seeded generator, Ed25519 from a fixed seed) and the key records
 * to publish. Every implementation measured on a size gets exactly the same bytes.
 */
public final class Corpus {
    /** The message sizes of the issue: 2 KB, 20 KB, 200 KB, 2 MB. */
    public static final int[] SIZES = {2 * 1024, 20 * 1024, 200 * 1024, 2 * 1024 * 1024};

    public static final String DOMAIN = "example.com";
    public static final String[] SELECTORS = {"s1", "s2", "s3"};
    public static final String[] SIGNING_DOMAINS = {"example.com", "esp.example.net", "lists.example.org"};

    private static final String[] WORDS = ("the of and to in is that for it as was with be by on not he this are or his "
            + "from at which but have an they you were her she there been one all we their has would when if so no "
            + "will can more about what up said out into them could some time than other new these two may then do "
            + "first any like my now over such our man me even most made after also did many before must through "
            + "years where much your way well down should because each just those people how too little state good "
            + "very make world still own see men work long get here between both life being under never day same "
            + "another know while last might us great old year off come since against go came right used take three "
            + "invoice meeting schedule quarterly report attached please review thanks regards project deadline "
            + "customer shipment order confirmation account password security update newsletter unsubscribe").split(" ");

    private Corpus() {
    }

    /** One signing identity: key plus where its record lives. */
    public record Signer(String domain, String selector, DkimPrivateKey key, KeyPair rsaPair, byte[] ed25519Seed) {
        public String recordName() {
            return selector + "._domainkey." + domain;
        }

        public String keyRecord() {
            return DkimKeys.keyRecord(key.publicKey());
        }

        DkimSigner signer() {
            return DkimSigner.builder(domain, selector, key)
                    .canonicalization(Canonicalization.RELAXED, Canonicalization.RELAXED)
                    .timestamp(false)
                    .build();
        }
    }

    /** RSA-2048 key number {@code n} (0..2), the same on every run. */
    public static Signer rsa(int n) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(("mailauth4j-benchmark-rsa-" + n).getBytes(StandardCharsets.US_ASCII));
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, random);
            KeyPair pair = g.generateKeyPair();
            return new Signer(SIGNING_DOMAINS[n], SELECTORS[n], DkimPrivateKey.rsa((RSAPrivateKey) pair.getPrivate()),
                    pair, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ed25519 key number {@code n} (0..2), from a fixed seed. */
    public static Signer ed25519(int n) {
        byte[] seed = new byte[32];
        new Random(0xED25519L + n).nextBytes(seed);
        return new Signer(SIGNING_DOMAINS[n], "ed" + SELECTORS[n], DkimPrivateKey.ed25519Seed(seed), null, seed);
    }

    /** Three signers of one algorithm ({@code rsa} or {@code ed25519}). */
    public static List<Signer> signers(String algorithm) {
        List<Signer> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add(algorithm.startsWith("rsa") ? rsa(i) : ed25519(i));
        }
        return out;
    }

    /** The header section of the benchmark messages (CRLF line ends, no signature). */
    public static String headers(long seed) {
        Random r = new Random(seed);
        return "Received: from mail-out.example.com (mail-out.example.com [192.0.2.25])\r\n"
                + "\tby mx.example.org with ESMTPS id 4Xk2Tq1mZ9z" + r.nextInt(100000) + "\r\n"
                + "\tfor <bob@example.org>; Mon, 23 Nov 2026 09:14:07 +0000\r\n"
                + "From: Alice Example <alice@example.com>\r\n"
                + "To: Bob Receiver <bob@example.org>, carol@example.org\r\n"
                + "Subject: Quarterly report " + r.nextInt(1000) + " - please review\r\n"
                + "Date: Mon, 23 Nov 2026 09:14:05 +0000\r\n"
                + "Message-ID: <" + Long.toHexString(r.nextLong()) + "." + seed + "@mail-out.example.com>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "X-Mailer: benchmark corpus\r\n";
    }

    /**
     * A text body of exactly {@code size} bytes: lines of words up to ~76 columns, paragraphs,
     * some trailing white space and runs of spaces (so relaxed canonicalization has work to do)
     * and empty lines at the end.
     */
    public static byte[] body(int size, long seed) {
        BodyWriter w = new BodyWriter(seed);
        byte[] out = new byte[size];
        int n = 0;
        while (n < size) {
            n += w.next(out, n, size - n);
        }
        if (size >= 2) {
            // as over SMTP, the body ends with CRLF (a cut in mid-line would leave a last line without one)
            out[size - 2] = '\r';
            out[size - 1] = '\n';
        }
        return out;
    }

    /** An endless, deterministic generator of body text (streamed by the memory check). */
    public static final class BodyWriter {
        private final Random random;
        private byte[] line = new byte[0];
        private int pos;
        private int lineNo;

        public BodyWriter(long seed) {
            this.random = new Random(seed);
        }

        /** Writes up to {@code len} bytes into {@code buf}; returns how many (≥ 1 when len ≥ 1). */
        public int next(byte[] buf, int off, int len) {
            int n = 0;
            while (n < len) {
                if (pos == line.length) {
                    line = nextLine();
                    pos = 0;
                }
                int k = Math.min(len - n, line.length - pos);
                System.arraycopy(line, pos, buf, off + n, k);
                pos += k;
                n += k;
            }
            return n;
        }

        private byte[] nextLine() {
            lineNo++;
            if (lineNo % 9 == 0) {
                return "\r\n".getBytes(StandardCharsets.US_ASCII);
            }
            StringBuilder sb = new StringBuilder(80);
            int target = 40 + random.nextInt(36);
            while (sb.length() < target) {
                if (sb.length() > 0) {
                    sb.append(random.nextInt(23) == 0 ? "  " : " ");
                }
                String w = WORDS[random.nextInt(WORDS.length)];
                if (sb.length() == 0) {
                    w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
                }
                sb.append(w);
            }
            sb.append(random.nextInt(5) == 0 ? ". " : ".");
            if (random.nextInt(7) == 0) {
                sb.append(" \t");
            }
            return sb.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** An unsigned message of exactly {@code size} bytes in total. */
    public static byte[] unsigned(int size, long seed) {
        byte[] head = (headers(seed) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = body(Math.max(0, size - head.length), seed);
        return concat(head, body);
    }

    /** {@code message} with one DKIM-Signature per signer prepended (the first signer ends up on top). */
    public static byte[] sign(byte[] message, List<Signer> signers) {
        try {
            Message m = Message.parse(message);
            List<HeaderField> sigs = new ArrayList<>();
            for (Signer s : signers) {
                sigs.add(s.signer().sign(m));
            }
            return m.prepend(sigs).toBytes();
        } catch (MessageFormatException | DkimFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
