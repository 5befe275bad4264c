package org.mailauth4j.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mailauth4j.Envelope;
import org.mailauth4j.arc.ArcResult;
import org.mailauth4j.arc.ArcSealer;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.core.message.HeaderField;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.core.message.MessageFormatException;

/**
 * A small mixed corpus for the whole {@code Authenticator}: each entry is a message, its envelope
 * and the results it must get, over one in-memory zone with SPF, DKIM key, DMARC and ARC key records.
 */
final class MixedCorpus {
    record Entry(String name, byte[] message, Envelope envelope, String spf, String dmarc, String arc) {
    }

    final ZoneResolver dns;
    final List<Entry> entries = new ArrayList<>();

    MixedCorpus() {
        Corpus.Signer rsa = Corpus.rsa(0);
        Corpus.Signer ed = Corpus.ed25519(0);
        Corpus.Signer list = Corpus.rsa(2);
        ZoneResolver.Builder zone = InMemoryDns.keys(ZoneResolver.builder(), List.of(rsa, ed, list));
        for (Map.Entry<String, String> e : SpfPolicies.records("ip4").entrySet()) {
            zone.txt(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : SpfPolicies.records("google").entrySet()) {
            zone.txt(e.getKey(), e.getValue());
        }
        zone.txt("lists.example.org", "v=spf1 ip4:198.51.100.0/24 -all");
        zone.txt("_dmarc.example.com", "v=DMARC1; p=reject; rua=mailto:dmarc@example.com");
        zone.txt("_dmarc.example.net", "v=DMARC1; p=none");
        zone.txt("_dmarc.lists.example.org", "v=DMARC1; p=none");
        dns = zone.build();

        Envelope direct = Envelope.of(SpfPolicies.CLIENT_IP, "mail-out.example.com", "alice@example.com");
        entries.add(new Entry("rsa 20 KB", Corpus.sign(Corpus.unsigned(20 * 1024, 1), List.of(rsa)), direct,
                "pass", "pass", "none"));
        entries.add(new Entry("ed25519 20 KB", Corpus.sign(Corpus.unsigned(20 * 1024, 2), List.of(ed)), direct,
                "pass", "pass", "none"));
        entries.add(new Entry("rsa+ed25519 2 KB", Corpus.sign(Corpus.unsigned(2 * 1024, 3), List.of(rsa, ed)),
                direct, "pass", "pass", "none"));
        Envelope google = Envelope.of(SpfPolicies.GOOGLE_CLIENT_IP, "mail-yw1.example.net", "bob@example.net");
        byte[] unsigned = Corpus.unsigned(5 * 1024, 4);
        String fromNet = new String(unsigned, StandardCharsets.ISO_8859_1)
                .replace("From: Alice Example <alice@example.com>", "From: Bob <bob@example.net>");
        entries.add(new Entry("unsigned, SPF only", fromNet.getBytes(StandardCharsets.ISO_8859_1), google, "pass",
                "pass", "none"));
        Envelope wrongIp = Envelope.of("203.0.113.9", "relay.example.org", "alice@example.com");
        entries.add(new Entry("rsa 200 KB, SPF fail", Corpus.sign(Corpus.unsigned(200 * 1024, 5), List.of(rsa)),
                wrongIp, "fail", "pass", "none"));
        entries.add(new Entry("forwarded via list, ARC", forwarded(rsa, list), Envelope.of("198.51.100.7",
                "mx.lists.example.org", "list-bounces@lists.example.org"), "pass", "pass", "pass"));
    }

    /** A signed message that went through a list: results recorded, ARC sealed and re-signed by the list. */
    private static byte[] forwarded(Corpus.Signer author, Corpus.Signer list) {
        try {
            Message m = Message.parse(Corpus.sign(Corpus.unsigned(20 * 1024, 6), List.of(author)));
            m = m.prepend(List.of(HeaderField.of("Authentication-Results: mx.lists.example.org; dkim=pass "
                    + "header.d=example.com header.s=s1; spf=pass smtp.mailfrom=example.com; dmarc=pass "
                    + "header.from=example.com")));
            ArcSealer sealer = ArcSealer.builder(list.domain(), list.selector(), list.key()).build();
            m = m.prepend(sealer.seal(m, "mx.lists.example.org", ArcResult.NONE));
            return Corpus.sign(m.toBytes(), List.of(list));
        } catch (MessageFormatException e) {
            throw new IllegalStateException(e);
        }
    }
}
