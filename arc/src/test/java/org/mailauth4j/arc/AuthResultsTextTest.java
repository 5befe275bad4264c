package org.mailauth4j.arc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailauth4j.core.ar.ResInfo;

/** The Authentication-Results pieces the AAR is built from (RFC 8601 §2.2). */
class AuthResultsTextTest {

    @Test
    void authservIdIgnoresVersionCommentsAndCase() {
        assertThat(AuthResultsText.authservId(" (c) MX.Example.org 1 ; spf=pass")).isEqualTo("mx.example.org");
        assertThat(AuthResultsText.authservId("example.org; none")).isEqualTo("example.org");
    }

    @Test
    void resultsSplitOnlyAtTopLevelSemicolons() {
        assertThat(AuthResultsText.results("a.example; dkim=pass (note; with semicolon) header.d=x.example;\r\n"
                + "  spf=fail reason=\"a;b\" smtp.mailfrom=u@x.example ;  "))
                .containsExactly("dkim=pass (note; with semicolon) header.d=x.example",
                        "spf=fail reason=\"a;b\" smtp.mailfrom=u@x.example");
        assertThat(AuthResultsText.results("a.example; none")).isEmpty();
    }

    @Test
    void formatQuotesWhatIsNotAToken() {
        ResInfo r = new ResInfo("arc", "fail", "ARC-Seal i=2: \"bad\"", List.of(
                new ResInfo.Property("header", "oldest-pass", "0"), new ResInfo.Property("smtp", "remote-ip", "192.0.2.1"),
                new ResInfo.Property("header", "from", "a b")));
        assertThat(AuthResultsText.format(r)).isEqualTo(
                "arc=fail reason=\"ARC-Seal i=2: \\\"bad\\\"\" header.oldest-pass=0 smtp.remote-ip=192.0.2.1 header.from=\"a b\"");
        assertThat(AuthResultsText.format(new ResInfo("dkim", 1, "pass", null, List.of()))).isEqualTo("dkim/1=pass");
    }
}
