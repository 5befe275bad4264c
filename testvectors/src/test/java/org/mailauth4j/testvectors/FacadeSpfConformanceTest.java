package org.mailauth4j.testvectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailauth4j.AuthenticationReport;
import org.mailauth4j.Authenticator;
import org.mailauth4j.Envelope;
import org.mailauth4j.core.ar.AuthenticationResults;
import org.mailauth4j.core.ar.ResInfo;
import org.mailauth4j.core.dns.DnsResolver;

/**
 * The OpenSPF RFC 7208 suite through {@link Authenticator}: each test's client IP, HELO and MAIL
 * FROM become the {@link Envelope} of a trivial message, and the report's SPF result must be one
 * the suite accepts; where the suite names an explanation other than its harness's
 * {@code DEFAULT}, the report's explanation must equal it. The identity checked must be
 * {@code mailfrom}, or {@code helo} for the null reverse-path (RFC 7208 §2.4).
 */
class FacadeSpfConformanceTest {
    private static final byte[] MESSAGE = ("From: someone@author.invalid\r\nTo: you@example.net\r\n"
            + "Subject: OpenSPF suite\r\n\r\nHello.\r\n").getBytes(StandardCharsets.US_ASCII);

    @Test
    void spfResultThroughTheAuthenticator() throws Exception {
        List<OpenSpfSuite.Case> cases = OpenSpfSuite.load();
        Set<String> moduleExceptions = OpenSpfSuite.moduleExceptions();
        FacadeExceptions facade = FacadeExceptions.load();
        Map<DnsResolver, Authenticator> byZone = new IdentityHashMap<>();
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        List<String> failures = new ArrayList<>();
        int agree = 0;
        int explanations = 0;
        int facadeListed = 0;
        for (OpenSpfSuite.Case c : cases) {
            Authenticator auth = byZone.computeIfAbsent(c.dns(), dns -> Authenticator.builder().resolver(dns)
                    .authservId("mx.example.net").receiver("receiver.example.org").clock(clock).build());
            AuthenticationReport report = auth.authenticate(MESSAGE, Envelope.of(c.host(), c.helo(), c.mailFrom()));
            AuthenticationReport.Spf spf = report.spf();
            boolean ok = c.acceptable().contains(spf.result());
            String why = ok ? null : "expected " + c.acceptable() + ", report has " + spf;
            if (ok && c.explanation() != null && !c.explanation().equals("DEFAULT")) {
                explanations++;
                if (!c.explanation().equals(spf.explanation())) {
                    ok = false;
                    why = "expected explanation \"" + c.explanation() + "\", report has " + spf;
                }
            }
            String identity = c.mailFrom() == null || c.mailFrom().isEmpty() ? "helo" : "mailfrom";
            if (!identity.equals(spf.identity())) {
                failures.add(c + ": identity " + spf.identity() + ", expected " + identity);
            }
            String stated = spfInResultsField(report);
            if (!spf.result().equals(stated)) {
                failures.add(c + ": report says spf=" + spf.result() + ", its Authentication-Results " + stated);
            }
            boolean moduleListed = moduleExceptions.contains(c.name());
            FacadeExceptions.Entry fe = facade.get("spf", c.name());
            if (fe != null) {
                facadeListed++;
                if (!fe.ours().equals(spf.result()) || ok) {
                    failures.add(c + ": facade-exceptions.tsv pins " + fe.ours() + ", got " + spf);
                }
            } else if (ok != moduleListed) {
                agree++;
            } else {
                failures.add(c + ": " + (moduleListed ? "listed in openspf-exceptions.tsv but the facade agrees" : why));
            }
        }
        System.out.printf("facade SPF (OpenSPF rfc7208): %d/%d agree (%d explanations compared), "
                + "%d listed in openspf-exceptions.tsv, %d in facade-exceptions.tsv%n",
                agree, cases.size(), explanations, moduleExceptions.size(), facadeListed);
        assertThat(cases).hasSize(203);
        assertThat(failures).isEmpty();
        assertThat(agree + facadeListed).isEqualTo(203);
        assertThat(facade.unused("spf")).as("stale facade-exceptions.tsv entries").isEmpty();
    }

    private static String spfInResultsField(AuthenticationReport report) {
        try {
            return AuthenticationResults.parseStrict(report.authenticationResultsValue()).results().stream()
                    .filter(ri -> ri.method().equals("spf")).map(ResInfo::result).reduce((a, b) -> a + "," + b)
                    .orElse("(absent)");
        } catch (Exception e) {
            return "(unparseable: " + e.getMessage() + ")";
        }
    }
}
