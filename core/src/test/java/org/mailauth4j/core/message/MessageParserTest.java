package org.mailauth4j.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit tests of {@link MessageParser} and {@link Message}; expected values follow RFC 5322 by hand. */
class MessageParserTest {
    private static final MessageLimits DEFAULT = MessageLimits.DEFAULT;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Message parse(String s) throws MessageFormatException {
        return Message.parse(bytes(s));
    }

    private static String body(Message m) {
        return new String(m.body(), StandardCharsets.ISO_8859_1);
    }

    private static List<String> events(String s) {
        return Recorder.parse(bytes(s), DEFAULT);
    }

    @Test
    void crlfMessageKeepsExactFieldBytesAndBody() throws Exception {
        Message m = parse("From: Ann <a@example.com>\r\nSubject: Hello\r\n\tworld\r\nTo: b@example.org\r\n\r\nline 1\r\nline 2\r\n");
        assertThat(m.headers()).extracting(HeaderField::name).containsExactly("From", "Subject", "To");
        HeaderField subject = m.headers().get(1);
        assertThat(new String(subject.raw(), StandardCharsets.ISO_8859_1)).isEqualTo("Subject: Hello\r\n\tworld\r\n");
        assertThat(subject.colonIndex()).isEqualTo(7);
        assertThat(subject.value()).isEqualTo(" Hello\r\n\tworld");
        assertThat(subject.unfoldedValue()).isEqualTo(" Hello\tworld");
        assertThat(body(m)).isEqualTo("line 1\r\nline 2\r\n");
        assertThat(m.toBytes()).isEqualTo(bytes("From: Ann <a@example.com>\r\nSubject: Hello\r\n\tworld\r\nTo: b@example.org\r\n\r\nline 1\r\nline 2\r\n"));
    }

    @Test
    void eventsComeInOrder() {
        assertThat(events("A: 1\r\nB: 2\r\n\r\nxy")).containsExactly("H:A: 1\r\n", "H:B: 2\r\n", "EOH", "B:xy", "EOM");
    }

    @Test
    void bareLfIsNormalisedInHeaderAndBody() throws Exception {
        Message m = parse("From: a@b.example\nSubject: x\n y\n\nline1\nline2\n");
        assertThat(m.headers().get(1).toString()).isEqualTo("Subject: x\r\n y");
        assertThat(body(m)).isEqualTo("line1\r\nline2\r\n");
    }

    @Test
    void bareCrIsNormalisedInHeaderAndBody() throws Exception {
        Message m = parse("From: a@b.example\rSubject: x\r y\r\rline1\rline2\r");
        assertThat(m.headers()).extracting(HeaderField::toString).containsExactly("From: a@b.example", "Subject: x\r\n y");
        assertThat(body(m)).isEqualTo("line1\r\nline2\r\n");
    }

    @Test
    void mixedLineEndingsEachCountAsOneLineBreak() throws Exception {
        // CR CR LF is a bare CR followed by a CRLF: two line breaks, so here it ends the header.
        Message m = parse("A: 1\r\r\nbody\n\rmore\r\n");
        assertThat(m.headers()).extracting(HeaderField::toString).containsExactly("A: 1");
        // LF CR is two line breaks too: a bare LF, then a bare CR.
        assertThat(body(m)).isEqualTo("body\r\n\r\nmore\r\n");
    }

    @Test
    void mboxFromLineIsDroppedOnlyOnTheFirstLine() throws Exception {
        Message m = parse("From someone@example.com Mon Jan  1 00:00:00 2024\nSubject : hi\n\nbody\n");
        assertThat(m.headers()).hasSize(1);
        assertThat(m.headers().get(0).name()).isEqualTo("Subject");
        assertThat(m.headers().get(0).value()).isEqualTo(" hi");
        assertThat(body(m)).isEqualTo("body\r\n");
        // A second "From " line is not a header field: it has a colon, but its "name" has spaces.
        assertThatThrownBy(() -> parse("From x Mon Jan  1 00:00:00 2024\nFrom y Mon Jan  1 00:00:00 2024\nA: 1\n\n"))
                .isInstanceOf(MessageFormatException.class).hasMessageContaining("line 2");
    }

    @Test
    void fromFieldWithWhitespaceBeforeColonIsNotMistakenForAnMboxLine() throws Exception {
        // RFC 5322 §4.5.1 obsolete syntax: WSP between the field name and the colon.
        Message m = parse("From : evil@example.com\r\nFrom \t: other@example.com\r\n\r\n");
        assertThat(m.headers("From")).extracting(HeaderField::value).containsExactly(" evil@example.com", " other@example.com");
    }

    @Test
    void noBlankLineMeansHeaderOnly() {
        assertThat(events("A: 1\r\nB: 2")).containsExactly("H:A: 1\r\n", "H:B: 2\r\n", "EOH", "EOM");
        assertThat(events("A: 1\r\nB: 2\r\n")).containsExactly("H:A: 1\r\n", "H:B: 2\r\n", "EOH", "EOM");
    }

    @Test
    void blankLineThenNothingIsAnEmptyBody() throws Exception {
        assertThat(events("A: 1\r\n\r\n")).containsExactly("H:A: 1\r\n", "EOH", "EOM");
        assertThat(parse("A: 1\n\n").bodyLength()).isZero();
    }

    @Test
    void emptyInputAndLeadingBlankLine() {
        assertThat(events("")).containsExactly("EOH", "EOM");
        assertThat(events("\r\nA: 1\r\n")).containsExactly("EOH", "B:A: 1\r\n", "EOM");
        assertThat(events("\n")).containsExactly("EOH", "EOM");
    }

    @Test
    void lastLineWithoutLineEndingIsCompleted() {
        assertThat(events("A: 1\r\n\r\nend")).containsExactly("H:A: 1\r\n", "EOH", "B:end", "EOM");
        assertThat(events("A: 1\r\n\r\nend\r")).containsExactly("H:A: 1\r\n", "EOH", "B:end\r\n", "EOM");
        assertThat(events("A: 1\r")).containsExactly("H:A: 1\r\n", "EOH", "EOM");
    }

    @Test
    void nulBytesAreKept() throws Exception {
        Message m = parse("X-Nul: a\0b\r\n\r\nc\0d\r\n");
        assertThat(m.headers().get(0).raw()).isEqualTo(bytes("X-Nul: a\0b\r\n"));
        assertThat(body(m)).isEqualTo("c\0d\r\n");
    }

    @Test
    void eightBitAndUtf8ArePreservedExactly() throws Exception {
        byte[] utf8 = "Subject: Grüße 👋\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = {'X', ':', ' ', (byte) 0xFF, (byte) 0xE9, '\r', '\n'};
        byte[] all = new byte[utf8.length + latin1.length + 2];
        System.arraycopy(utf8, 0, all, 0, utf8.length);
        System.arraycopy(latin1, 0, all, utf8.length, latin1.length);
        all[all.length - 2] = '\r';
        all[all.length - 1] = '\n';
        Message m = Message.parse(all);
        assertThat(m.headers().get(0).raw()).isEqualTo(utf8);
        assertThat(m.headers().get(0).value()).isEqualTo(" Grüße 👋");
        assertThat(m.headers().get(1).raw()).isEqualTo(latin1);
        assertThat(m.headers().get(1).valueBytes()).containsExactly(' ', (byte) 0xFF, (byte) 0xE9);
        assertThat(m.headers().get(1).value()).isEqualTo(" \uFFFD\uFFFD"); // not UTF-8: replaced
    }

    @Test
    void obsoleteFoldingWithWhitespaceOnlyLinesIsKept() throws Exception {
        // RFC 5322 §4.2 obs-FWS: a folded line may hold only whitespace.
        Message m = parse("Subject: a\r\n \r\n\t\r\n b\r\nX: y\r\n\r\n");
        assertThat(m.headers()).hasSize(2);
        assertThat(m.headers().get(0).toString()).isEqualTo("Subject: a\r\n \r\n\t\r\n b");
        assertThat(m.headers().get(0).unfoldedValue()).isEqualTo(" a \t b");
    }

    @Test
    void whitespaceBeforeTheColonIsKeptInRawButNotInName() throws Exception {
        HeaderField f = parse("Subject \t: x\r\n\r\n").headers().get(0);
        assertThat(f.name()).isEqualTo("Subject");
        assertThat(f.hasName("SUBJECT")).isTrue();
        assertThat(f.colonIndex()).isEqualTo(9);
        assertThat(f.toString()).isEqualTo("Subject \t: x");
    }

    @Test
    void emptyValueAndNoSpaceAfterColon() throws Exception {
        Message m = parse("A:\r\nB:x\r\n\r\n");
        assertThat(m.headers()).extracting(HeaderField::value).containsExactly("", "x");
    }

    @Test
    void veryLongBodyLinesStreamThrough() {
        byte[] raw = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(raw, (byte) 'z');
        byte[] head = bytes("A: 1\n\n");
        System.arraycopy(head, 0, raw, 0, head.length);
        Recorder r = new Recorder();
        MessageParser p = new MessageParser(r);
        try {
            p.feed(raw, 0, raw.length);
            p.finish();
        } catch (MessageFormatException e) {
            throw new AssertionError(e);
        }
        assertThat(r.bodyBytes).isEqualTo(raw.length - head.length);
    }

    @Test
    void headerLineWithoutColonIsAnErrorNamingTheLine() {
        assertThatThrownBy(() -> parse("A: 1\r\nB: 2\r\nthis is not a header\r\n\r\nbody"))
                .isInstanceOf(MessageFormatException.class)
                .isNotInstanceOf(MessageLimitException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("this is not a header");
        // The line number counts a dropped mbox line.
        assertThatThrownBy(() -> parse("From x Mon\nA: 1\nnope\n\n")).hasMessageContaining("line 3");
    }

    @Test
    void continuationBeforeTheFirstFieldIsAnError() {
        assertThatThrownBy(() -> parse(" folded: x\r\nA: 1\r\n\r\n"))
                .isInstanceOf(MessageFormatException.class).hasMessageContaining("line 1").hasMessageContaining("continuation");
    }

    @Test
    void invalidFieldNamesAreErrors() {
        assertThatThrownBy(() -> parse(": no name\r\n\r\n")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> parse("Bad Name: x\r\n\r\n")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> parse("Na\u00efve: x\r\n\r\n")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> parse("N\0: x\r\n\r\n")).isInstanceOf(MessageFormatException.class);
    }

    @Test
    void errorsLeaveTheParserUnusable() throws Exception {
        MessageParser p = new MessageParser(new Recorder());
        assertThatThrownBy(() -> p.feed(bytes("no colon\r\n"))).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> p.feed(bytes("A: 1\r\n"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(p::finish).isInstanceOf(IllegalStateException.class);

        MessageParser q = new MessageParser(new Recorder());
        q.feed(bytes("A: 1\r\n"));
        q.finish();
        q.finish(); // idempotent
        assertThatThrownBy(() -> q.feed(bytes("x"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void feedRespectsOffsetAndLength() throws Exception {
        Recorder r = new Recorder();
        MessageParser p = new MessageParser(r);
        byte[] buf = bytes("xxA: 1\r\n\r\nbodyxx");
        p.feed(buf, 2, buf.length - 4);
        p.finish();
        assertThat(r.events).containsExactly("H:A: 1\r\n", "EOH", "B:body", "EOM");
        assertThatThrownBy(() -> new MessageParser(new Recorder()).feed(buf, 10, 100)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void inputStreamParsingMatchesByteParsing() throws Exception {
        String text = "From: a@example.com\nSubject: x\n\tfolded\n\nbody\rline\n";
        Message fromBytes = parse(text);
        Message fromStream = Message.parse(new ByteArrayInputStream(bytes(text)));
        assertThat(fromStream.headers()).isEqualTo(fromBytes.headers());
        assertThat(fromStream.body()).isEqualTo(fromBytes.body());
    }

    @Test
    void replayDeliversTheSameEventsAsParsing() throws Exception {
        String text = "A: 1\r\nB: 2\r\n\r\nbody\r\n";
        Recorder r = new Recorder();
        parse(text).replay(r);
        assertThat(r.events).isEqualTo(events(text));
    }

    @Test
    void prependAddsFieldsOnTop() throws Exception {
        Message m = parse("A: 1\r\n\r\nb").prepend(List.of(HeaderField.of("X-New", " v")));
        assertThat(new String(m.toBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("X-New: v\r\nA: 1\r\n\r\nb");
        assertThat(m.header("a")).map(HeaderField::value).contains(" 1");
        assertThat(m.header("missing")).isEmpty();
    }

    @Test
    void headerFieldOfAcceptsFoldingAndRejectsInjection() {
        assertThat(HeaderField.of("Subject: a\r\n\tb").raw()).isEqualTo(bytes("Subject: a\r\n\tb\r\n"));
        assertThat(HeaderField.of("Subject: x\r\n").length()).isEqualTo(12);
        assertThat(HeaderField.of("Subject : x").name()).isEqualTo("Subject");
        assertThatThrownBy(() -> HeaderField.of("Subject: x\r\nBcc: victim@example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeaderField.of("Subject: x\nBcc: y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeaderField.of("Subject: x\r")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeaderField.of("Subject: x\r\n\r\nbody")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeaderField.of("Sub ject: x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeaderField.of("no colon")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeaderField.of("X", "a\r\nY: b")).isInstanceOf(IllegalArgumentException.class);
    }
}
