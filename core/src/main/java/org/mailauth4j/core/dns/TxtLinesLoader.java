package org.mailauth4j.core.dns;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mailauth4j.core.text.Ascii;

/**
 * Reads "{@code <name> <TXT value>}" lines, the DNS format of several DKIM test suites (Mail::DKIM's
 * {@code FAKE_DNS.dat}, the derived {@code dns.txt} files, the records block of stalwart's test
 * messages). See {@link ZoneResolver.Builder#txtLines(Path)} for the rules.
 */
final class TxtLinesLoader {
    static final int MAX_LINE = 1 << 16;

    private TxtLinesLoader() {
    }

    static void load(Path file, ZoneResolver.Builder b) throws IOException {
        try (BoundedLineReader r = new BoundedLineReader(Files.newInputStream(file), file.toString(), MAX_LINE)) {
            load(r, b);
        }
    }

    static void load(BufferedReader in, String source, ZoneResolver.Builder b) throws IOException {
        try (BoundedLineReader r = new BoundedLineReader(in, source, MAX_LINE)) {
            load(r, b);
        }
    }

    private static void load(BoundedLineReader r, ZoneResolver.Builder b) throws IOException {
        String line;
        while ((line = r.next()) != null) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int sp = 0;
            while (sp < t.length() && !Character.isWhitespace(t.charAt(sp))) {
                sp++;
            }
            String name = t.substring(0, sp);
            String value = t.substring(sp).strip();
            String problem = DnsNames.problem(name);
            if (problem != null) {
                throw r.error("invalid name \"" + name + "\": " + problem);
            }
            if (value.isEmpty()) {
                throw r.error("no TXT value after the name \"" + name + "\" (use \"\" for an empty record)");
            }
            if (value.equals("NXDOMAIN")) {
                b.nxDomain(name);
            } else if (value.equals("\"\"")) {
                b.txt(name, "");
            } else if (value.length() > 4 && value.startsWith("~~") && value.endsWith("~~")) {
                String what = value.substring(2, value.length() - 2).strip();
                String detail = Ascii.equalsIgnoreCase(what, "Query timed out") ? "TIMEOUT" : what;
                b.fail(name, RecordType.TXT, detail);
            } else {
                b.txt(name, value);
            }
        }
    }
}
