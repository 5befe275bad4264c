package org.mailauth4j.arc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailauth4j.core.ar.AuthenticationResults;
import org.mailauth4j.core.ar.ResInfo;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.testing.TestData;

/**
 * Interop with dkimpy ({@code dkim.arc_verify}/{@code arc_sign}) and Mail::DKIM's ARC verifier and
 * signer (runs only with {@code -Pinterop}). Each peer is one batch process fed commands on stdin;
 * DNS answers come from a file the test writes, with keys generated here.
 */
class ArcInteropTest {
    @TempDir
    static Path dir;
    static TestKeys keys;
    static ZoneResolver dns;
    static Path keyFile;
    static Peer dkimpy;
    static Peer mailDkim;
    static final AtomicInteger FILES = new AtomicInteger();
    static final String BASE = "From: Alice <alice@example.com>\r\nTo: list@example.org\r\nSubject: interop\r\n"
            + "Date: Mon, 20 Nov 2023 10:00:00 +0000\r\nMessage-ID: <interop@example.com>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain\r\n\r\nHello,\r\n  this   crosses three ARC hops.  \r\n\r\n";

    @BeforeAll
    static void setUp() throws Exception {
        TestData.requireProgram("ARC interop peers", true); // skips at once without -Pinterop
        keys = new TestKeys(2048);
        String rec = keys.rsaRecord;
        List<String> lines = List.of("ours._domainkey.ours.example " + rec, "py._domainkey.py.example " + rec,
                "pl._domainkey.pl.example " + rec);
        Files.write(dir.resolve("dns.txt"), lines);
        ZoneResolver.Builder z = ZoneResolver.builder();
        for (String l : lines) {
            z.txt(l.substring(0, l.indexOf(' ')), l.substring(l.indexOf(' ') + 1));
        }
        dns = z.build();
        RSAPrivateCrtKey k = keys.rsaJdk;
        byte[] pkcs1 = new org.bouncycastle.asn1.pkcs.RSAPrivateKey(k.getModulus(), k.getPublicExponent(),
                k.getPrivateExponent(), k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(),
                k.getCrtCoefficient()).getEncoded();
        keyFile = dir.resolve("key.pem");
        Files.writeString(keyFile, "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n");
    }

    @AfterAll
    static void stopPeers() {
        for (Peer p : new Peer[] {dkimpy, mailDkim}) {
            if (p != null) {
                p.close();
            }
        }
    }

    static Peer dkimpy() throws Exception {
        TestData.requireProgram("dkimpy (python3-dkim, python3-authres)",
                runs("/usr/bin/python3", "-c", "import dkim, authres"));
        if (dkimpy == null) {
            dkimpy = new Peer(script("arc_peer.py"), "/usr/bin/python3");
        }
        return dkimpy;
    }

    static Peer mailDkim() throws Exception {
        TestData.requireProgram("Mail::DKIM (libmail-dkim-perl)", runs("perl", "-MMail::DKIM::ARC::Signer", "-e1"));
        if (mailDkim == null) {
            mailDkim = new Peer(script("arc_peer.pl"), "perl");
        }
        return mailDkim;
    }

    static Path script(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = ArcInteropTest.class.getResourceAsStream("/interop/" + name)) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    static boolean runs(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One long-running peer process: a command line in, an answer line out. */
    static final class Peer {
        private final Process process;
        private final Writer in;
        private final BufferedReader out;

        Peer(Path script, String interpreter) throws IOException {
            process = new ProcessBuilder(interpreter, script.toString(), dir.resolve("dns.txt").toString())
                    .redirectError(dir.resolve(script.getFileName() + ".stderr").toFile()).start();
            in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        String call(String... fields) throws IOException {
            in.write(String.join("\t", fields) + "\n");
            in.flush();
            String answer = out.readLine();
            assertThat(answer).as("peer answered (stderr in %s)", dir).isNotNull();
            return answer;
        }

        /** The peer's ARC verdict: pass, fail or none. */
        String verify(Message m) throws IOException {
            String a = call("verify", write(m).toString());
            assertThat(a).as("peer verify").startsWith("ok ");
            return a.split(" ")[1];
        }

        /** The peer's hop: verify, record arc= in its own Authentication-Results, seal. */
        Message hop(Message m, String domain, String selector) throws Exception {
            String cv = verify(m);
            String srvId = "mx." + domain;
            Message withAr = m.prepend(List.of(HeaderField.of("Authentication-Results: " + srvId + "; arc=" + cv)));
            Path outFile = dir.resolve("sealed-" + FILES.incrementAndGet() + ".eml");
            String a = call("seal", write(withAr).toString(), outFile.toString(), domain, selector, keyFile.toString(), srvId);
            assertThat(a).as("peer seal").startsWith("ok");
            Message sealed = Message.parse(Files.readAllBytes(outFile));
            assertThat(sealed.headers("ARC-Seal")).as("peer added a set").hasSize(m.headers("ARC-Seal").size() + 1);
            return sealed;
        }

        void close() {
            try {
                in.close();
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // fall through to destroy
            }
            process.destroy();
        }
    }

    static Path write(Message m) throws IOException {
        Path f = dir.resolve("msg-" + FILES.incrementAndGet() + ".eml");
        Files.write(f, m.toBytes());
        return f;
    }

    static ArcOutcome ours(Message m) {
        return ArcValidator.builder(dns).build().validate(m).join();
    }

    /** Our hop: validate, seal with this hop's results (arc= included). */
    static Message ourHop(Message m) {
        ArcOutcome o = ours(m);
        AuthenticationResults ar = new AuthenticationResults("mx.ours.example",
                List.of(new ResInfo("spf", "pass", null, List.of(new ResInfo.Property("smtp", "mailfrom", "alice@example.com"))),
                        o.toResInfo("192.0.2.7")));
        ArcSealer s = ArcSealer.builder("ours.example", "ours", keys.rsa).build();
        List<HeaderField> set = s.seal(m, ar, o.nextCv());
        assertThat(set).hasSize(3);
        return m.prepend(set);
    }

    static Message base() throws Exception {
        return Message.parse(BASE.getBytes(StandardCharsets.UTF_8));
    }

    static Message withBody(Message m, String body) {
        return Message.of(m.headers(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ourSealPassesInDkimpy() throws Exception {
        Message m = ourHop(base());
        assertThat(dkimpy().verify(m)).isEqualTo("pass");
        assertThat(dkimpy().verify(withBody(m, "changed\r\n"))).isEqualTo("fail");
    }

    @Test
    void ourSealPassesInMailDkim() throws Exception {
        Message m = ourHop(base());
        assertThat(mailDkim().verify(m)).isEqualTo("pass");
        assertThat(mailDkim().verify(withBody(m, "changed\r\n"))).isEqualTo("fail");
    }

    @Test
    void ourFoldedLongHeaderListPassesInBothPeers() throws Exception {
        StringBuilder extra = new StringBuilder();
        List<String> names = new ArrayList<>(ArcSealer.DEFAULT_HEADERS);
        for (int i = 0; i < 12; i++) {
            extra.append("X-Interop-Header-").append(i).append(": value ").append(i).append("\r\n");
            names.add("x-interop-header-" + i);
        }
        Message m = Message.parse((extra + BASE).getBytes(StandardCharsets.UTF_8));
        List<HeaderField> set = ArcSealer.builder("ours.example", "ours", keys.rsa).signedHeaders(names).build()
                .seal(m, "mx.ours.example", ArcResult.NONE);
        assertThat(set.get(1).toString()).as("h= is folded").contains(":\r\n ");
        Message sealed = m.prepend(set);
        assertThat(dkimpy().verify(sealed)).isEqualTo("pass");
        assertThat(mailDkim().verify(sealed)).isEqualTo("pass");
    }

    @Test
    void dkimpySealPassesHere() throws Exception {
        Message m = dkimpy().hop(base(), "py.example", "py");
        assertThat(ours(m).result()).as("%s", ours(m)).isEqualTo(ArcResult.PASS);
        assertThat(ours(withBody(m, "changed\r\n")).result()).isEqualTo(ArcResult.FAIL);
    }

    @Test
    void mailDkimSealPassesHere() throws Exception {
        Message m = mailDkim().hop(base(), "pl.example", "pl");
        assertThat(ours(m).result()).as("%s", ours(m)).isEqualTo(ArcResult.PASS);
        assertThat(ours(withBody(m, "changed\r\n")).result()).isEqualTo(ArcResult.FAIL);
    }

    @Test
    void oursThenDkimpyThenOurs() throws Exception {
        Message m = ourHop(base());
        m = dkimpy().hop(m, "py.example", "py");
        m = ourHop(m);
        assertEverywhere(m, 3);
    }

    @Test
    void mailDkimThenOursThenDkimpy() throws Exception {
        Message m = mailDkim().hop(base(), "pl.example", "pl");
        m = ourHop(m);
        m = dkimpy().hop(m, "py.example", "py");
        assertEverywhere(m, 3);
    }

    static void assertEverywhere(Message m, int sets) throws Exception {
        ArcOutcome o = ours(m);
        assertThat(o.result()).as("ours: %s", o).isEqualTo(ArcResult.PASS);
        assertThat(o.instances()).isEqualTo(sets);
        assertThat(m.headers("ARC-Seal")).extracting(HeaderField::unfoldedValue).noneMatch(v -> v.contains("cv=fail"));
        List<String> verdicts = new ArrayList<>();
        verdicts.add(dkimpy().verify(m));
        verdicts.add(mailDkim().verify(m));
        assertThat(verdicts).as("dkimpy, Mail::DKIM").containsOnly("pass");
        // A body altered after the last seal fails everywhere.
        Message altered = withBody(m, "Hello,\r\n  this was altered.\r\n");
        assertThat(ours(altered).result()).isEqualTo(ArcResult.FAIL);
        assertThat(dkimpy().verify(altered)).isEqualTo("fail");
        assertThat(mailDkim().verify(altered)).isEqualTo("fail");
    }
}
