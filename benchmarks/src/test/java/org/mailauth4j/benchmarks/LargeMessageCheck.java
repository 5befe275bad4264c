package org.mailauth4j.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.MessageHandler;
import org.mailauth4j.core.message.MessageParser;
import org.mailauth4j.dkim.DkimSigner;
import org.mailauth4j.dkim.DkimVerification;
import org.mailauth4j.dkim.DkimVerifier;

/**
 * Run in a forked JVM with a small heap by {@link LargeMessageMemoryTest}: signs a generated message
 * of {@code args[0]} MiB (its body 1 MiB of generated text repeated) while streaming it (never held whole), then streams the same bytes again,
 * signature on top, through the DKIM verifier. Prints the verification result and exits 0 on pass.
 */
public final class LargeMessageCheck {
    static final int CHUNK = 64 * 1024;
    static final long SEED = 20261123L;

    private LargeMessageCheck() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        long bodyBytes = Long.parseLong(args[0]) * 1024 * 1024;
        Corpus.Signer key = Corpus.rsa(0);
        byte[] headers = (Corpus.headers(SEED) + "\r\n").getBytes(StandardCharsets.US_ASCII);

        DkimSigner.Session signing = DkimSigner.builder(key.domain(), key.selector(), key.key()).build().newSession();
        stream(signing, new byte[0], headers, bodyBytes);
        HeaderField signature = signing.signature();

        DkimVerifier verifier = new DkimVerifier(InMemoryDns.keys(List.of(key)));
        DkimVerifier.Session verifying = verifier.newSession();
        stream(verifying, signature.raw(), headers, bodyBytes);
        List<DkimVerification> results = verifying.result().join();
        Runtime rt = Runtime.getRuntime();
        System.out.println("max heap " + rt.maxMemory() / (1024 * 1024) + " MiB, body " + bodyBytes + " bytes, results "
                + results + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        System.exit(results.size() == 1 && results.get(0).isPass() ? 0 : 1);
    }

    /** Feeds {@code prefix + headers + body} in 64 KB chunks, generating the body as it goes. */
    private static void stream(MessageHandler handler, byte[] prefix, byte[] headers, long bodyBytes) throws Exception {
        MessageParser parser = new MessageParser(handler);
        parser.feed(prefix, 0, prefix.length);
        parser.feed(headers, 0, headers.length);
        // 1 MiB of generated text, repeated: the same bytes on both passes, cheap to produce
        byte[] block = Corpus.body(1024 * 1024, SEED);
        long sent = 0;
        while (sent < bodyBytes) {
            int off = (int) (sent % block.length);
            int n = (int) Math.min(Math.min(CHUNK, block.length - off), bodyBytes - sent);
            parser.feed(block, off, n);
            sent += n;
        }
        parser.finish();
    }
}
