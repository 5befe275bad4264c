package org.mailauth4j.dkim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic corpus of varied messages for interop tests: LF and CRLF sources, 8-bit
 * headers, long folded headers, empty bodies, trailing blank lines, whitespace-heavy bodies,
 * long lines, bodies without a final line break.
 */
final class InteropCorpus {
    private InteropCorpus() {
    }

    static List<byte[]> messages(int count, long seed) {
        Random r = new Random(seed);
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder m = new StringBuilder();
            m.append(switch (i % 3) {
                case 0 -> "From: Alice Example <alice@example.com>\r\n";
                case 1 -> "From: Jörg Müller <joerg@example.com>\r\n";
                default -> "From: =?utf-8?q?Zo=C3=AB?= <zoe@example.com>\r\n";
            });
            m.append("To: bob@example.org");
            if (r.nextBoolean()) {
                m.append(",\r\n\tcarol@example.org,\r\n  dave@example.org");
            }
            m.append("\r\n");
            if (r.nextInt(3) == 0) {
                m.append("Cc:  team@example.org  \r\n");
            }
            m.append("Subject:").append(subject(r, i)).append("\r\n");
            m.append("Date: Mon, 23 Nov 2026 12:").append(10 + i % 50).append(":00 +0000\r\n");
            m.append("Message-ID: <").append(i).append(".").append(seed).append("@example.com>\r\n");
            if (r.nextBoolean()) {
                m.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n");
            }
            if (r.nextInt(4) == 0) {
                m.append("List-Id: Example list <list.example.com>\r\n");
            }
            if (r.nextInt(3) == 0) {
                m.append("X-MiXeD-CaSe:   value\t  with   spaces   \r\n");
            }
            m.append("\r\n");
            m.append(body(r, i));
            String text = m.toString();
            if (i % 2 == 1) {
                text = text.replace("\r\n", "\n"); // LF source
            }
            out.add(text.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String subject(Random r, int i) {
        switch (i % 5) {
            case 0:
                return " Hello " + i;
            case 1:
                return " Grüße aus Köln ✓ " + i;
            case 2: {
                StringBuilder sb = new StringBuilder(" A long subject");
                int parts = 3 + r.nextInt(5);
                for (int k = 0; k < parts; k++) {
                    sb.append("\r\n").append(k % 2 == 0 ? "\t" : " ").append("continued part ").append(k)
                            .append(" with several words to make it long enough to need folding");
                }
                return sb.toString();
            }
            case 3:
                return "   spaced \t\t out   subject   ";
            default:
                return "no-leading-space-" + i;
        }
    }

    private static String body(Random r, int i) {
        switch (i % 10) {
            case 0:
                return "";
            case 1:
                return "\r\n\r\n\r\n";
            case 2:
                return "Hello,\r\n\r\nthis is a message.\r\n\r\n\r\n\r\n";
            case 3:
                return "  leading\r\ntrailing  \t \r\n\t\r\n  in   the   middle\t\tof\r\n   \r\n\r\n";
            case 4:
                return "x".repeat(900 + r.nextInt(90)) + "\r\n";
            case 5:
                return "Ünïcödé bödy — ✓ ☃\r\nzweite Zeile\r\n";
            case 6:
                return "no final line break";
            case 7:
                return "a\t\r\n\r\n\r\nb \r\n\r\n";
            case 8:
                return "--b\r\nContent-Type: text/plain\r\n\r\npart one\r\n--b--\r\n";
            default: {
                StringBuilder sb = new StringBuilder();
                int lines = r.nextInt(40);
                for (int k = 0; k < lines; k++) {
                    int len = r.nextInt(70);
                    for (int c = 0; c < len; c++) {
                        int x = r.nextInt(20);
                        sb.append(x == 0 ? ' ' : x == 1 ? '\t' : (char) ('a' + r.nextInt(26)));
                    }
                    sb.append("\r\n");
                }
                return sb.toString();
            }
        }
    }
}
