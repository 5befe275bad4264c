package org.mailauth4j.testvectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Arrays;
import java.util.HashSet;
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
import org.mailauth4j.core.message.Message;
import org.mailauth4j.dkim.DkimPolicy;
import org.mailauth4j.dkim.DkimVerification;
import org.mailauth4j.dkim.DkimVerifier;

/**
 * The DKIM corpora end to end through {@link Authenticator}: every signature's result word in the
 * {@link AuthenticationReport} must be what the dkim module's conformance test expects of the
 * DkimVerifier (the suite's word, or the word pinned in the dkim module's exceptions.tsv), and the
 * Authentication-Results field must state the same results, parsed back strictly (RFC 8601 §2.7.1).
 */
class FacadeDkimConformanceTest {

    static Authenticator authenticator(DkimCorpora.Row r) {
        return Authenticator.builder().resolver(r.dns()).clock(r.clock()).authservId("mx.example.net").build();
    }

    @Test
    void everySignatureAgreesWithTheDkimModuleExpectation() throws Exception {
        List<DkimCorpora.Row> rows = DkimCorpora.all();
        Map<String, String> moduleExceptions = DkimCorpora.moduleExceptions();
        FacadeExceptions facade = FacadeExceptions.load();
        // one report per message, resolver and clock (a message carries several rows)
        Map<byte[], Map<Object, AuthenticationReport>> reports = new IdentityHashMap<>();
        List<String> failures = new ArrayList<>();
        Set<String> seenModuleExceptions = new HashSet<>();
        int agree = 0;
        int moduleListed = 0;
        int facadeListed = 0;
        for (DkimCorpora.Row r : rows) {
            AuthenticationReport report = reports.computeIfAbsent(r.message(), k -> new HashMap<>())
                    .get(List.of(r.dns(), r.clock()));
            if (report == null) {
                report = authenticator(r).authenticate(r.message(), Envelope.NONE);
                reports.get(r.message()).put(List.of(r.dns(), r.clock()), report);
                checkResultsField(r, report, failures);
                sameAsTheDkimModule(r, report, failures);
            }
            if (r.sig() >= report.dkim().size()) {
                failures.add(r + ": the report has only " + report.dkim().size() + " DKIM results");
                continue;
            }
            AuthenticationReport.Dkim d = report.dkim().get(r.sig());
            if (r.domain() != null && !(r.domain().equals(d.domain()) && r.selector().equals(d.selector()))) {
                failures.add(r + ": expected d=" + r.domain() + " s=" + r.selector() + ", report has " + d);
            }
            Set<String> expected = r.expected();
            String pinned = moduleExceptions.get(r.key());
            if (pinned != null) {
                seenModuleExceptions.add(r.key());
                moduleListed++;
                expected = Set.of(pinned);
            }
            FacadeExceptions.Entry fe = facade.get("dkim", r.key());
            if (fe != null) {
                facadeListed++;
                if (!fe.ours().equals(d.result())) {
                    failures.add(r + ": facade-exceptions.tsv pins " + fe.ours() + ", got " + d);
                }
                if (expected.contains(d.result())) {
                    failures.add(r + ": listed in facade-exceptions.tsv but now agrees (" + d.result() + ")");
                }
                continue;
            }
            if (expected.contains(d.result())) {
                agree++;
            } else {
                failures.add(r + ": expected " + expected + ", report has " + d);
            }
        }
        System.out.printf("facade DKIM: %d/%d signatures agree with the dkim module's expectation "
                + "(%d of them via dkim exceptions.tsv), %d listed in facade-exceptions.tsv%n",
                agree, rows.size(), moduleListed, facadeListed);
        assertThat(rows).hasSize(86);
        assertThat(failures).isEmpty();
        assertThat(agree + facadeListed).isEqualTo(rows.size());
        assertThat(seenModuleExceptions).as("every dkim exceptions.tsv row names a corpus row")
                .containsExactlyInAnyOrderElementsOf(moduleExceptions.keySet());
        assertThat(facade.unused("dkim")).as("stale facade-exceptions.tsv entries").isEmpty();
    }

    /**
     * The facade reports the dkim module's verdicts unchanged (its default policy, the same clock):
     * result, reason, d=, s=, a= and i= of every signature equal a standalone DkimVerifier's.
     */
    private static void sameAsTheDkimModule(DkimCorpora.Row r, AuthenticationReport report, List<String> failures) {
        try {
            List<DkimVerification> direct = new DkimVerifier(r.dns(), DkimPolicy.DEFAULT, r.clock())
                    .verify(Message.parse(r.message())).get();
            List<List<String>> mine = report.dkim().stream().map(d -> Arrays.asList(d.result(), d.reason(), d.domain(),
                    d.selector(), d.algorithm(), d.identity())).toList();
            List<List<String>> theirs = direct.stream().map(d -> Arrays.asList(d.result().word(), d.reason(), d.domain(),
                    d.selector(), d.algorithm(), d.identity())).toList();
            if (!mine.equals(theirs)) {
                failures.add(r.file() + ": facade reports " + mine + ", DkimVerifier " + theirs);
            }
        } catch (Exception e) {
            failures.add(r.file() + ": DkimVerifier threw " + e);
        }
    }

    /** The formatted Authentication-Results, parsed back strictly, states each signature's result in order. */
    private static void checkResultsField(DkimCorpora.Row r, AuthenticationReport report, List<String> failures) {
        try {
            AuthenticationResults parsed = AuthenticationResults.parseStrict(report.authenticationResultsValue());
            List<String> words = parsed.results().stream().filter(ri -> ri.method().equals("dkim")).map(ResInfo::result)
                    .toList();
            List<String> inReport = report.dkim().stream().map(AuthenticationReport.Dkim::result).toList();
            if (!words.equals(inReport.isEmpty() ? List.of("none") : inReport)) {
                failures.add(r.file() + ": Authentication-Results states dkim " + words + ", the report " + inReport);
            }
            if (!parsed.authservId().equals("mx.example.net")) {
                failures.add(r.file() + ": authserv-id " + parsed.authservId());
            }
        } catch (Exception e) {
            failures.add(r.file() + ": Authentication-Results does not parse strictly: " + e.getMessage() + "\n"
                    + report.authenticationResultsHeader());
        }
    }
}
