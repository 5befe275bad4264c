package org.mailauth4j.testvectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailauth4j.Authenticator;
import org.mailauth4j.Envelope;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.testing.TestData;

/**
 * Every vector message of the suites, each with the Authenticator (resolver, pinned clock) and
 * envelope it is checked with: one per DKIM corpus message (and key-record variant), every
 * ValiMail ARC message, the stalwart ARC chain, and every OpenSPF envelope with a small message.
 * Labels are unique ({@code suite|file}, {@code arc:test}, {@code spf:test}); loaded once.
 */
final class VectorSample {
    /** One vector message with the resolver, clock and envelope it is authenticated with. */
    record Vector(String label, byte[] message, Authenticator auth, DnsResolver resolver, Clock clock, Envelope envelope) {
        @Override
        public String toString() {
            return label + " (" + message.length + " bytes)";
        }
    }

    private static volatile List<Vector> vectors;

    private VectorSample() {
    }

    static List<Vector> all() {
        if (vectors == null) {
            synchronized (VectorSample.class) {
                if (vectors == null) {
                    try {
                        vectors = load();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return vectors;
    }

    private static List<Vector> load() throws IOException {
        List<Vector> out = new ArrayList<>();
        Map<DnsResolver, Map<Clock, Authenticator>> auths = new IdentityHashMap<>();
        // DKIM corpora: one vector per message (per key-record variant); every other one with an envelope
        Map<String, DkimCorpora.Row> distinct = new LinkedHashMap<>();
        for (DkimCorpora.Row r : DkimCorpora.all()) {
            distinct.putIfAbsent(r.key().substring(0, r.key().lastIndexOf('|')), r); // suite|file, #n for a variant
        }
        int k = 0;
        for (Map.Entry<String, DkimCorpora.Row> e : distinct.entrySet()) {
            DkimCorpora.Row r = e.getValue();
            Authenticator a = auths.computeIfAbsent(r.dns(), d -> new IdentityHashMap<>()).computeIfAbsent(r.clock(),
                    c -> Authenticator.builder().resolver(r.dns()).clock(c).authservId("mx.example.net").build());
            Envelope env = k++ % 2 == 0 ? Envelope.NONE : Envelope.of("192.0.2.1", "mail.example.com", "bounce@example.com");
            out.add(new Vector(e.getKey(), r.message(), a, r.dns(), r.clock(), env));
        }
        for (ValiMailArcSuite.Case c : ValiMailArcSuite.load()) {
            Authenticator a = auths.computeIfAbsent(c.dns(), d -> new IdentityHashMap<>()).computeIfAbsent(DkimCorpora.NOW,
                    x -> Authenticator.builder().resolver(c.dns()).clock(DkimCorpora.NOW).authservId("mx.example.net")
                            .build());
            out.add(new Vector("arc:" + c.name(), c.message(), a, c.dns(), DkimCorpora.NOW,
                    Envelope.of("2001:db8::25", "relay.example.org", "")));
        }
        Object[] stalwartArc = VectorFiles.stalwart(TestData.vector("arc/stalwart").resolve("002.txt"));
        ZoneResolver stalwartDns = ZoneResolver.builder().txtLines((String) stalwartArc[0]).build();
        out.add(new Vector("arc:stalwart/002.txt", (byte[]) stalwartArc[1], Authenticator.builder().resolver(stalwartDns)
                .clock(DkimCorpora.NOW).authservId("mx.example.net").build(), stalwartDns, DkimCorpora.NOW,
                Envelope.of("203.0.113.9", "mx.scamorza.org", "a@scamorza.org")));
        byte[] trivial = ("From: someone@example.com\r\nSubject: s\r\n\r\nHello\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (OpenSpfSuite.Case c : OpenSpfSuite.load()) {
            Authenticator a = auths.computeIfAbsent(c.dns(), d -> new IdentityHashMap<>()).computeIfAbsent(DkimCorpora.NOW,
                    x -> Authenticator.builder().resolver(c.dns()).clock(DkimCorpora.NOW).authservId("mx.example.net")
                            .build());
            out.add(new Vector("spf:" + c.name(), trivial, a, c.dns(), DkimCorpora.NOW,
                    Envelope.of(c.host(), c.helo(), c.mailFrom())));
        }
        return List.copyOf(out);
    }
}
