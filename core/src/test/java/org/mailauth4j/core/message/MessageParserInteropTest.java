package org.mailauth4j.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mailauth4j.testing.TestData;

/**
 * Interop with dkimpy's message splitter ({@code dkim.rfc822_parse}, Debian python3-dkim): every
 * message file of the DKIM and ARC conformance vectors must split into the same header fields
 * (exact bytes) and the same body as dkimpy splits it. Runs only with {@code -Pinterop}.
 *
 * <p>dkimpy differs by design in cases the vectors do not contain (so none is excused here):
 * it splits lines only at CRLF and LF (a bare CR stays inside a line), drops "From " lines
 * anywhere in the header (we drop only a first-line mbox separator) and rejects whitespace
 * before the colon (RFC 5322 §4.5 obsolete syntax, which we accept).
 */
class MessageParserInteropTest {
    private static final String PYTHON = "/usr/bin/python3";

    private static boolean dkimpyInstalled() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import dkim").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static String ours(Path file) throws Exception {
        Message m;
        try {
            m = Message.parse(Files.readAllBytes(file));
        } catch (MessageFormatException e) {
            return "error";
        }
        String fields = m.headers().stream().map(h -> Base64.getEncoder().encodeToString(h.raw())).collect(Collectors.joining(","));
        return fields + "\t" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(m.body()));
    }

    @Test
    void vectorMessagesSplitLikeDkimpy() throws Exception {
        Path vectors = TestData.vectors();
        TestData.requireProgram("python3-dkim (dkimpy)", Files.isExecutable(Paths.get(PYTHON)) && dkimpyInstalled());
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.walk(vectors.resolve("dkim")), Files.walk(vectors.resolve("arc")))) {
            files = s.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(eml|msg|message|txt)$"))
                    .filter(MessageParserInteropTest::looksLikeAMessage).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        List<String> cmd = new ArrayList<>(List.of(PYTHON, Paths.get(getClass().getResource("/message/dkimpy_split.py").toURI()).toString()));
        files.forEach(f -> cmd.add(f.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Map<String, String> theirs = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                int tab = line.indexOf('\t');
                theirs.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        assertThat(theirs).hasSize(files.size());
        int same = 0;
        List<String> different = new ArrayList<>();
        for (Path f : files) {
            if (ours(f).equals(theirs.get(f.toString()))) {
                same++;
            } else {
                different.add(vectors.relativize(f) + " ours=" + ours(f).replaceAll("\t.*", "…") + " dkimpy=" + theirs.get(f.toString()).replaceAll("\t.*", "…"));
            }
        }
        System.out.println("MessageParser vs dkimpy rfc822_parse: " + same + "/" + files.size() + " message files split identically");
        assertThat(different).as("files split differently from dkimpy").isEmpty();
    }

    /** Message files start with a header field or an mbox line (skips key files, DNS data, READMEs). */
    private static boolean looksLikeAMessage(Path p) {
        try {
            byte[] b = Files.readAllBytes(p);
            String head = new String(b, 0, Math.min(b.length, 200), StandardCharsets.ISO_8859_1);
            return head.matches("(?s)(From |[!-9;-~]+:).*");
        } catch (Exception e) {
            return false;
        }
    }
}
