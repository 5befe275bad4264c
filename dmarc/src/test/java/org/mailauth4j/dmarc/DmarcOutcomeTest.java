package org.mailauth4j.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.ar.ResInfo;
import org.mailauth4j.core.dns.DnsAnswer;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.dns.RecordType;
import org.mailauth4j.core.dns.ZoneResolver;
import org.mailauth4j.spf.SpfResult;

/** The outcome's Authentication-Results resinfo (RFC 8601 §2.7, RFC 9989 §9.1) and failure handling. */
class DmarcOutcomeTest {
    private static final ZoneResolver ZONE = ZoneResolver.builder()
            .txt("_dmarc.example.com", "v=DMARC1; p=reject; t=y").build();

    @Test
    void failResInfoCarriesHeaderFromAndPolicy() {
        DmarcOutcome o = DmarcEvaluator.builder().resolver(ZONE).build()
                .evaluate(DmarcInput.builder().authorDomain("example.com").spf(SpfResult.FAIL, "example.com").build())
                .join();
        ResInfo r = o.toResInfo();
        assertThat(r.method()).isEqualTo("dmarc");
        assertThat(r.result()).isEqualTo("fail");
        assertThat(r.property("header", "from")).isEqualTo("example.com");
        assertThat(r.property("policy", "dmarc")).isEqualTo("quarantine"); // reject lowered by t=y
        assertThat(r.reason()).isNull();
        assertThat(o.toString()).contains("dmarc=fail", "policy=reject", "disposition=quarantine");
    }

    @Test
    void noneHasNoPolicyProperty() {
        DmarcOutcome o = DmarcEvaluator.builder().resolver(ZONE).build()
                .evaluate(DmarcInput.builder().authorDomain("example.org").build()).join();
        assertThat(o.result()).isEqualTo(DmarcResult.NONE);
        assertThat(o.toResInfo().property("policy", "dmarc")).isNull();
        assertThat(o.toResInfo().property("header", "from")).isEqualTo("example.org");
    }

    @Test
    void permerrorForAmbiguousFromHasAReasonAndNoHeaderFrom() {
        DmarcOutcome o = DmarcEvaluator.builder().resolver(ZONE).build().evaluate(DmarcInput.builder()
                .author(org.mailauth4j.core.address.AuthorDomain.ofValue("a@example.com, b@example.net")).spf(SpfResult.PASS, "example.com")
                .build()).join();
        assertThat(o.result()).isEqualTo(DmarcResult.PERMERROR);
        assertThat(o.toResInfo().reason()).contains("MULTIPLE_MAILBOXES");
        assertThat(o.toResInfo().property("header", "from")).isNull();
    }

    @Test
    void resolverThatThrowsGivesTemperror() {
        DnsResolver broken = new DnsResolver() {
            @Override
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                throw new IllegalStateException("boom");
            }
        };
        DmarcOutcome o = DmarcEvaluator.builder().resolver(broken).build()
                .evaluate(DmarcInput.builder().authorDomain("example.com").build()).join();
        assertThat(o.result()).isEqualTo(DmarcResult.TEMPERROR);
        assertThat(o.reason()).contains("boom");
    }

    @Test
    void resolverThatNeverAnswersTimesOut() {
        DnsResolver silent = new DnsResolver() {
            @Override
            public <T> CompletableFuture<DnsAnswer<T>> query(String name, RecordType<T> type) {
                return new CompletableFuture<>();
            }
        };
        DmarcOutcome o = DmarcEvaluator.builder().resolver(silent).timeout(Duration.ofMillis(100)).build()
                .evaluate(DmarcInput.builder().authorDomain("example.com").build()).join();
        assertThat(o.result()).isEqualTo(DmarcResult.TEMPERROR);
        assertThat(o.reason()).contains("timed out");
    }

    /** RFC 9989 §11.5: each Author Domain evaluated, the strictest failing policy stands. */
    @Test
    void severalAuthorDomainsWhenAllowed() {
        ZoneResolver z = ZoneResolver.builder().txt("_dmarc.example.com", "v=DMARC1; p=quarantine")
                .txt("_dmarc.example.net", "v=DMARC1; p=reject").build();
        DmarcInput both = DmarcInput.builder().author(org.mailauth4j.core.address.AuthorDomain.ofValue("a@example.com, b@example.net"))
                .spf(SpfResult.PASS, "example.com").build();
        DmarcOutcome strict = DmarcEvaluator.builder().resolver(z).build().evaluate(both).join();
        assertThat(strict.result()).isEqualTo(DmarcResult.PERMERROR);
        DmarcOutcome each = DmarcEvaluator.builder().resolver(z).maxAuthorDomains(5).build().evaluate(both).join();
        assertThat(each.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(each.authorDomain()).isEqualTo("example.net");
        assertThat(each.disposition()).isEqualTo(DmarcPolicy.REJECT);
        DmarcInput three = DmarcInput.builder().author(org.mailauth4j.core.address.AuthorDomain.ofValue("a@x.example, b@y.example, c@z.example"))
                .build();
        assertThat(DmarcEvaluator.builder().resolver(z).maxAuthorDomains(2).build().evaluate(three).join().result())
                .isEqualTo(DmarcResult.PERMERROR);
        DmarcInput bothPass = DmarcInput.builder().author(org.mailauth4j.core.address.AuthorDomain.ofValue("a@example.com, b@example.net"))
                .dkim(org.mailauth4j.dkim.DkimResult.PASS, "example.com")
                .dkim(org.mailauth4j.dkim.DkimResult.PASS, "example.net").build();
        assertThat(DmarcEvaluator.builder().resolver(z).maxAuthorDomains(2).build().evaluate(bothPass).join()
                .result()).isEqualTo(DmarcResult.PASS);
    }

    /** RFC 9989 §5.3.1 counts domains: several mailboxes of one domain are one Author Domain. */
    @Test
    void authorDomainFromTheFoundationParser() {
        java.util.function.Function<String, DmarcResult> eval = from -> DmarcEvaluator.builder().resolver(ZONE)
                .build().evaluate(DmarcInput.builder()
                        .headers(java.util.List.of(org.mailauth4j.core.message.HeaderField.of(from)))
                        .spf(SpfResult.PASS, "example.com").build()).join().result();
        assertThat(eval.apply("From: a@example.com")).isEqualTo(DmarcResult.PASS);
        assertThat(eval.apply("From: a@example.com, b@EXAMPLE.com")).isEqualTo(DmarcResult.PASS);
        assertThat(eval.apply("From: a@example.com, b")).isEqualTo(DmarcResult.PERMERROR);
        assertThat(eval.apply("From: a@example.com, b@[192.0.2.1]")).isEqualTo(DmarcResult.PERMERROR);
        assertThat(eval.apply("From: undisclosed:;")).isEqualTo(DmarcResult.PERMERROR);
        assertThat(eval.apply("Subject: no from")).isEqualTo(DmarcResult.PERMERROR);
        assertThat(DmarcInput.builder().authorDomain("bad..name").build().author().status())
                .isEqualTo(org.mailauth4j.core.address.AuthorDomain.Status.SYNTAX_ERROR);
    }

    /** The resinfo formats through the foundation's RFC 8601 formatter and parses back strictly. */
    @Test
    void formatsAsAnAuthenticationResultsField() throws Exception {
        ZoneResolver z = ZoneResolver.builder().txt("_dmarc.example.com", "v=DMARC1; p=reject; t=y")
                .fail("_dmarc.example.net", null, "SERVFAIL; \"odd\" (text)").build();
        DmarcEvaluator e = DmarcEvaluator.builder().resolver(z).build();
        DmarcOutcome fail = e.evaluate(DmarcInput.builder().authorDomain("example.com").build()).join();
        DmarcOutcome temp = e.evaluate(DmarcInput.builder().authorDomain("example.net").build()).join();
        org.mailauth4j.core.ar.AuthenticationResults ar = new org.mailauth4j.core.ar.AuthenticationResults(
                "mx.receiver.example", java.util.List.of(fail.toResInfo(), temp.toResInfo()));
        String field = ar.format();
        assertThat(field.replaceAll("\\s+", " ")).contains("dmarc=fail header.from=example.com policy.dmarc=quarantine");
        org.mailauth4j.core.ar.AuthenticationResults back =
                org.mailauth4j.core.ar.AuthenticationResults.parseStrict(field);
        assertThat(back.results()).hasSize(2);
        assertThat(back.results().get(1).result()).isEqualTo("temperror");
        assertThat(back.results().get(1).property("header", "from")).isEqualTo("example.net");
    }
}
