package org.mailauth4j.testvectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mailauth4j.AuthenticationReport;
import org.mailauth4j.AuthenticationSession;
import org.mailauth4j.Authenticator;
import org.mailauth4j.Envelope;
import org.mailauth4j.arc.ArcOutcome;
import org.mailauth4j.arc.ArcValidator;
import org.mailauth4j.core.ar.AuthenticationResults;
import org.mailauth4j.core.ar.ResInfo;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.testing.TestData;

/**
 * The ValiMail ARC validation suite through the {@link Authenticator}'s streaming session, the
 * raw message fed in random chunk sizes (seeded per test): the report's ARC result must equal the
 * suite's {@code cv}, or the value the arc module pins in arc-exceptions.tsv. The body is read
 * once for DKIM and ARC together, so this also checks that shared pass on every vector; the
 * report's ARC result, instance count and reason must equal a standalone ArcValidator's on the
 * whole message.
 */
class FacadeArcValidationTest {
    private static final long SEED = 8617;

    @Test
    void chainStatusThroughTheStreamingSession() throws Exception {
        List<ValiMailArcSuite.Case> cases = ValiMailArcSuite.load();
        Map<String, String> moduleExceptions = ValiMailArcSuite.moduleExceptions();
        FacadeExceptions facade = FacadeExceptions.load();
        Map<ZoneResolver, Authenticator> byZone = new IdentityHashMap<>();
        List<String> failures = new ArrayList<>();
        int agree = 0;
        int moduleListed = 0;
        int facadeListed = 0;
        long chunks = 0;
        for (ValiMailArcSuite.Case c : cases) {
            Authenticator auth = byZone.computeIfAbsent(c.dns(),
                    dns -> Authenticator.builder().resolver(dns).authservId("mx.example.net").build());
            Random random = new Random(SEED * 31 + c.name().hashCode());
            List<byte[]> parts = VectorFiles.randomChunks(c.message(), random, 1 + random.nextInt(160));
            chunks += parts.size();
            AuthenticationSession s = auth.newSession().envelope(Envelope.NONE);
            for (byte[] p : parts) {
                s.feed(p, 0, p.length);
            }
            AuthenticationReport report = s.finish().get();
            String got = report.arc().result();
            String expected = c.expected();
            String pinned = moduleExceptions.get(c.name());
            if (pinned != null) {
                moduleListed++;
                expected = pinned;
            }
            ArcOutcome direct = ArcValidator.builder(c.dns()).build().validate(Message.parse(c.message())).get();
            if (!(direct.result().word().equals(got) && direct.instances() == report.arc().instances()
                    && Objects.equals(direct.reason(), report.arc().reason()))) {
                failures.add(c + ": facade reports " + report.arc() + ", ArcValidator " + direct);
            }
            String stated = arcInResultsField(report);
            if (!got.equals(stated)) {
                failures.add(c + ": report says arc=" + got + ", its Authentication-Results " + stated);
            }
            FacadeExceptions.Entry fe = facade.get("arc", c.name());
            if (fe != null) {
                facadeListed++;
                if (!fe.ours().equals(got) || got.equals(expected)) {
                    failures.add(c + ": facade-exceptions.tsv pins " + fe.ours() + ", got " + report.arc());
                }
            } else if (got.equals(expected)) {
                agree++;
            } else {
                failures.add(c + ": expected " + expected + ", report has " + report.arc());
            }
        }
        System.out.printf("facade ARC (ValiMail validation, streamed in %d random chunks): %d/%d agree "
                + "(%d of them via arc-exceptions.tsv), %d listed in facade-exceptions.tsv%n",
                chunks, agree, cases.size(), moduleListed, facadeListed);
        assertThat(cases).hasSize(171);
        assertThat(failures).isEmpty();
        assertThat(agree + facadeListed).isEqualTo(171);
        assertThat(moduleListed).as("arc-exceptions.tsv validation rows found in the suite").isEqualTo(moduleExceptions.size());
        assertThat(facade.unused("arc")).as("stale facade-exceptions.tsv entries").isEmpty();
    }

    /**
     * The stalwart 2-hop chain (PROVENANCE.md §3; i=1 sealed with ed25519-sha256): expected.tsv
     * gives {@code arc=pass} and the DKIM signature's result, both checked through the session.
     */
    @Test
    void stalwartTwoHopChainThroughTheStreamingSession() throws Exception {
        Path dir = TestData.vector("arc/stalwart");
        List<Map<String, String>> rows = TestData.tsv(dir.resolve("expected.tsv"));
        Object[] parts = VectorFiles.stalwart(dir.resolve("002.txt"));
        Authenticator auth = Authenticator.builder().resolver(ZoneResolver.builder().txtLines((String) parts[0]).build())
                .authservId("mx.example.net").build();
        AuthenticationSession s = auth.newSession().envelope(Envelope.NONE);
        for (byte[] p : VectorFiles.randomChunks((byte[]) parts[1], new Random(SEED), 97)) {
            s.feed(p, 0, p.length);
        }
        AuthenticationReport report = s.finish().get();
        int checked = 0;
        for (Map<String, String> r : rows) {
            if (!VectorFiles.cell(r, "file").equals("002.txt")) {
                continue;
            }
            String sig = VectorFiles.cell(r, "sig");
            String expected = VectorFiles.cell(r, "expected");
            if (sig.equals("ARC")) {
                assertThat(expected).startsWith("arc=");
                assertThat(report.arc().result()).as("%s", report.arc()).isEqualTo(expected.substring(4).split(" ")[0]);
                assertThat(report.arc().instances()).isEqualTo(2);
            } else {
                AuthenticationReport.Dkim d = report.dkim().get(Integer.parseInt(sig));
                assertThat(d.domain()).isEqualTo(VectorFiles.cell(r, "d"));
                assertThat(d.result()).as("%s", d).isEqualTo(expected);
            }
            checked++;
        }
        assertThat(checked).isEqualTo(2);
        assertThat(arcInResultsField(report)).isEqualTo("pass");
        System.out.println("facade ARC (stalwart 002, ed25519 i=1): " + checked + "/2 expectations met");
    }

    private static String arcInResultsField(AuthenticationReport report) {
        try {
            return AuthenticationResults.parseStrict(report.authenticationResultsValue()).results().stream()
                    .filter(ri -> ri.method().equals("arc")).map(ResInfo::result).reduce((a, b) -> a + "," + b)
                    .orElse("(absent)");
        } catch (Exception e) {
            return "(unparseable: " + e.getMessage() + ")";
        }
    }
}
