package org.mailauth4j.testvectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.mailauth4j.AuthenticationReport;
import org.mailauth4j.Authenticator;
import org.mailauth4j.Envelope;
import org.mailauth4j.arc.ArcSealer;
import org.mailauth4j.core.dns.DnsAnswer;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.dns.RecordType;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.dkim.DkimPrivateKey;
import org.mailauth4j.testing.TestData;

/**
 * Forwarding through the facade: every ValiMail validation message is authenticated, sealed with
 * {@link AuthenticationReport#seal} (Ed25519 key of RFC 8463 Appendix A, selector
 * {@code brisbane._domainkey.football.example.com}) and authenticated again by the next hop.
 * RFC 8617 §5.2: a chain that validated ({@code pass}, or {@code none} for the first hop) and
 * gained a correct set must validate as {@code pass} with one more instance; a chain that
 * failed can never become a pass (§5.2 step 2: a set with cv=fail, or the failing set itself,
 * is still there).
 */
class FacadeArcSealRoundTripTest {

    @Test
    void sealedChainsValidateAtTheNextHop() throws Exception {
        DkimCorpora.Row rfc8463 = DkimCorpora.rfc8463().get(0);
        byte[] seed = Base64.getDecoder().decode(Files.readString(TestData.vector("dkim/rfc8463").resolve("private-ec.key")).strip());
        ArcSealer sealer = ArcSealer.builder("football.example.com", "brisbane", DkimPrivateKey.ed25519Seed(seed))
                .clock(DkimCorpora.NOW).build();
        Map<DnsResolver, Authenticator[]> hops = new IdentityHashMap<>();
        List<String> failures = new ArrayList<>();
        int passed = 0;
        int stayedFailed = 0;
        for (ValiMailArcSuite.Case c : ValiMailArcSuite.load()) {
            if (c.message().length == 0) {
                continue; // cv_empty: no message to forward
            }
            Authenticator[] pair = hops.computeIfAbsent(c.dns(), dns -> {
                DnsResolver both = withKey(dns, rfc8463.dns());
                return new Authenticator[] {
                    Authenticator.builder().resolver(dns).clock(DkimCorpora.NOW).authservId("hop1.example.net").build(),
                    Authenticator.builder().resolver(both).clock(DkimCorpora.NOW).authservId("hop2.example.net").build()};
            });
            Envelope env = Envelope.of("192.0.2.25", "relay.example.org", "list@example.org");
            AuthenticationReport first = pair[0].authenticate(c.message(), env);
            Message sealed = first.seal(Message.parse(c.message()), sealer);
            AuthenticationReport next = pair[1].authenticate(sealed.toBytes(), env);
            String before = first.arc().result();
            if (before.equals("fail")) {
                stayedFailed++;
                if (!next.arc().result().equals("fail")) {
                    failures.add(c + ": chain failed at hop 1 but hop 2 says " + next.arc());
                }
            } else if (next.arc().result().equals("pass") && next.arc().instances() == first.arc().instances() + 1) {
                passed++;
            } else {
                failures.add(c + ": hop 1 " + first.arc() + ", after sealing hop 2 " + next.arc());
            }
        }
        System.out.printf("facade ARC seal round trip (ValiMail messages): %d chains pass at the next hop with one more "
                + "set, %d failed chains stay failed%n", passed, stayedFailed);
        assertThat(failures).isEmpty();
        assertThat(passed).isGreaterThan(50);
    }

    /** The scenario's records plus the sealer's key record (from the RFC 8463 zone). */
    private static DnsResolver withKey(DnsResolver scenario, DnsResolver keys) {
        return new DnsResolver() {
            @Override
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                return name.toLowerCase(Locale.ROOT).startsWith("brisbane._domainkey.football.example.com")
                        ? keys.query(name, type) : scenario.query(name, type);
            }
        };
    }
}
