package org.mailauth4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailauth4j.testing.NoNameLookups;

/** Usage errors, processing errors and the version/help options, independent of the example archive. */
class CliErrorPathsTest {
    @TempDir
    Path dir;

    /** No DNS data at all: every name is NXDOMAIN, and no live query is made. */
    private String emptyZone() throws IOException {
        Path z = dir.resolve("empty.zone");
        if (!Files.exists(z)) {
            Files.writeString(z, "; nothing\n");
        }
        return z.toString();
    }

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.ISO_8859_1);
        return p;
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli r = Cli.run("verify", "--no-such-option", "x.eml");
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--no-such-option");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingSubcommandOrPathIsAUsageError() {
        assertThat(Cli.run().exitCode()).isEqualTo(Main.USAGE);
        assertThat(Cli.run("verify").exitCode()).isEqualTo(Main.USAGE);
        assertThat(Cli.run("frobnicate").exitCode()).isEqualTo(Main.USAGE);
    }

    @Test
    void badInstantOrIpIsAUsageError() throws IOException {
        Path m = write("m.eml", "From: a@example.com\n\nhi\n");
        Cli r = Cli.run("verify", "--at", "yesterday", m.toString());
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("ISO-8601");
        r = Cli.run("verify", "--ip", "not-an-ip", m.toString());
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("not an IP address literal");
    }

    /** A malformed address literal is an error, never a (live, blocking) host-name lookup. */
    @Test
    void malformedIpLiteralsAreRejectedWithoutANameLookup() throws IOException {
        Path m = write("m.eml", "From: a@example.com\n\nhi\n");
        String zone = emptyZone();
        Cli[] runs = new Cli[3];
        List<String> lookups = NoNameLookups.during(() -> {
            runs[0] = Cli.run("verify", "--dns", zone, "--ip", "1.2.3.999", m.toString());
            runs[1] = Cli.run("spf", "--dns", zone, "--ip", "[192.168.1.300]", "--helo", "h.example");
            runs[2] = Cli.runWithInput("{\"ip\":\"1.2.3.999\",\"helo\":\"h.example\"}\n{\"ip\":\".::1\",\"helo\":\"h.example\"}\n"
                    .getBytes(StandardCharsets.UTF_8), "spf", "--batch", "-", "--dns", zone);
        });
        assertThat(lookups).isEmpty();
        assertThat(runs[0].exitCode()).isEqualTo(Main.USAGE);
        assertThat(runs[0].err()).contains("not an IP address literal: 1.2.3.999");
        assertThat(runs[1].exitCode()).isEqualTo(Main.USAGE);
        assertThat(runs[1].err()).contains("not an IP address literal: [192.168.1.300]");
        assertThat(runs[2].exitCode()).isEqualTo(Main.PROCESSING_ERROR);
        assertThat(runs[2].lines()).hasSize(2).allSatisfy(l -> assertThat(l).contains("not an IP address literal"));
    }

    @Test
    void missingFileIsAProcessingErrorAndTheRunGoesOn() throws IOException {
        Path good = write("good.eml", "From: a@example.com\nSubject: hi\n\nhello\n");
        Path missing = dir.resolve("missing.eml");
        Cli r = Cli.run("verify", "--dns", emptyZone(), "--json", missing.toString(), good.toString());
        assertThat(r.exitCode()).isEqualTo(Main.PROCESSING_ERROR);
        String[] lines = r.lines();
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("{\"file\":\"" + missing + "\",\"error\":\"no such file or directory\"}");
        assertThat(lines[1]).startsWith("{\"file\":\"" + good + "\",\"spf\":{\"result\":\"none\"");
    }

    /**
     * A file the user cannot read is a processing error; root reads it anyway (permission bits do
     * not bind it), and then it is verified like any other file.
     */
    @Test
    void unreadableFileIsAProcessingError() throws IOException {
        Path p = write("secret.eml", "From: a@example.com\n\nhi\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
        Cli r = Cli.run("verify", "--json", p.toString());
        if (Files.isReadable(p)) {
            assertThat(r.exitCode()).isEqualTo(Main.OK);
            assertThat(r.out()).startsWith("{\"file\":\"" + p + "\",\"spf\":{\"result\":\"none\"");
        } else {
            assertThat(r.exitCode()).isEqualTo(Main.PROCESSING_ERROR);
            assertThat(r.out()).contains("\"error\":\"file is not readable\"");
        }
    }

    @Test
    void fileThatFailsToReadIsAProcessingError() {
        // Reading /proc/self/mem at offset 0 fails with EIO even for root: a real read error.
        Path mem = Path.of("/proc/self/mem");
        Assumptions.assumeTrue(Files.exists(mem), "no /proc on this system");
        Cli r = Cli.run("verify", "--json", mem.toString());
        assertThat(r.exitCode()).isEqualTo(Main.PROCESSING_ERROR);
        assertThat(r.out()).startsWith("{\"file\":\"/proc/self/mem\",\"error\":\"cannot read: ");
    }

    @Test
    void garbageInputIsReportedPerMessage() throws IOException {
        Path garbage = write("garbage.eml", "\u0001\u0002 this is not a header\n\nbody\n");
        Cli r = Cli.run("verify", garbage.toString());
        assertThat(r.exitCode()).isEqualTo(Main.PROCESSING_ERROR);
        assertThat(r.out()).contains("== " + garbage).contains("error: not a message: line 1: not a header field");
        Cli j = Cli.run("verify", "--json", garbage.toString());
        assertThat(j.out().strip()).startsWith("{\"file\":\"" + garbage + "\",\"error\":\"not a message: line 1:");
    }

    @Test
    void directoriesAreSearchedForEmlMboxAndMaildirFiles() throws IOException {
        emptyZone();
        write("a/one.eml", "From: a@example.com\n\nhi\n");
        write("a/ignored.txt", "From: a@example.com\n\nhi\n");
        write("box.mbox", "From x Mon Jan  1 00:00:00 2024\nFrom: a@example.com\n\n1\n\nFrom x Mon Jan  1 00:00:00 2024\nFrom: b@example.com\n\n2\n");
        write("Maildir/cur/1700000000.M1P1.host:2,S", "From: a@example.com\n\nhi\n");
        write("Maildir/new/1700000001.M2P2.host", "From: a@example.com\n\nhi\n");
        write("Maildir/tmp/1700000002.M3P3.host", "From: a@example.com\n\nhi\n");
        Cli r = Cli.run("verify", "--dns", emptyZone(), "--json", dir.toString());
        assertThat(r.exitCode()).isEqualTo(Main.OK);
        assertThat(r.lines()).extracting(l -> l.substring(0, l.indexOf("\",") + 1)).containsExactly(
                "{\"file\":\"" + dir.resolve("Maildir/cur/1700000000.M1P1.host:2,S") + "\"",
                "{\"file\":\"" + dir.resolve("Maildir/new/1700000001.M2P2.host") + "\"",
                "{\"file\":\"" + dir.resolve("a/one.eml") + "\"",
                "{\"file\":\"" + dir.resolve("box.mbox") + "#1\"",
                "{\"file\":\"" + dir.resolve("box.mbox") + "#2\"");
    }

    @Test
    void missingOrMalformedDnsFileIsAUsageError() throws IOException {
        Path m = write("m.eml", "From: a@example.com\n\nhi\n");
        Cli r = Cli.run("verify", "--dns", dir.resolve("nope.zone").toString(), m.toString());
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--dns: no such file");
        Path bad = write("bad.jsonl", "{\"name\":\"x.example\",\"type\":\"TXT\",\"status\":\"WHAT\"}\n");
        r = Cli.run("verify", "--dns", bad.toString(), m.toString());
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--dns:").contains("bad.jsonl");
    }

    @Test
    void versionAndHelp() {
        Cli v = Cli.run("--version");
        assertThat(v.exitCode()).isZero();
        assertThat(v.out()).startsWith("mailauth4j ").doesNotContain("${");
        Cli h = Cli.run("--help");
        assertThat(h.exitCode()).isZero();
        assertThat(h.out()).contains("verify").contains("Exit codes:");
        for (String sub : Main.commandLine().getSubcommands().keySet()) {
            Cli s = Cli.run(sub, "--help");
            assertThat(s.exitCode()).as(sub).isZero();
            assertThat(s.out()).as(sub).contains("Usage: mailauth4j " + sub);
            if (!sub.equals("help")) {
                assertThat(s.out()).as(sub).contains("Exit codes:").contains("usage error");
                assertThat(Cli.run(sub, "--version").out()).as(sub).startsWith("mailauth4j ");
            }
        }
    }
}
