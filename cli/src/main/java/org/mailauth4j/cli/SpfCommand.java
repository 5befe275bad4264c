package org.mailauth4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.mailauth4j.Envelope;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.spf.SpfEvaluator;
import org.mailauth4j.spf.SpfOutcome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mailauth4j spf}: one SPF check (RFC 7208), or a batch of them from JSON lines. */
@Command(name = "spf", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        description = {"Check SPF (RFC 7208) for a client IP: the MAIL FROM identity, or the HELO identity when the "
            + "sender is empty or --identity helo.",
            "With --batch, read one JSON query per line ({\"ip\":..,\"helo\":..,\"sender\":..,\"identity\":..}) and "
                + "write one JSON result per line, in the same order."})
final class SpfCommand implements Callable<Integer> {
    enum Identity { mailfrom, helo }

    /** Queries evaluated concurrently in batch mode (results still come out in input order). */
    static final int BATCH_WINDOW = 64;
    static final int MAX_LINE = 64 * 1024;
    /** Marks a line that was longer than {@link #MAX_LINE} (compared by identity). */
    private static final String TOO_LONG = new String("line too long");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Option(names = "--ip", paramLabel = "IP", description = "The SMTP client's IP address (required without --batch).")
    String ip;

    @Option(names = "--helo", paramLabel = "HOST", description = "HELO/EHLO name.")
    String helo;

    @Option(names = "--sender", paramLabel = "ADDR", description = "MAIL FROM address; empty or absent checks HELO.")
    String sender;

    @Option(names = "--identity", paramLabel = "ID", description = "mailfrom (default when a sender is given) or helo.")
    Identity identity;

    @Option(names = "--receiver", paramLabel = "HOST", description = "The checking host, for the %%{r} macro.")
    String receiver;

    @Option(names = "--dns", paramLabel = "FILE", description = "Zone file or snapshot instead of live DNS (repeatable).")
    List<Path> dns = new ArrayList<>();

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Option(names = "--explain", description = "Also print every record fetched and term evaluated.")
    boolean explain;

    @Option(names = "--batch", paramLabel = "FILE|-", description = "Read JSON queries, one per line, from FILE or standard input.")
    String batch;

    private SpfEvaluator evaluator() {
        DnsResolver r = Dns.resolver(spec, dns);
        SpfEvaluator.Builder b = SpfEvaluator.builder().resolver(r != null ? r : Dns.live());
        if (receiver != null) {
            b.receiver(receiver);
        }
        return b.build();
    }

    @Override
    public Integer call() throws IOException {
        if (batch != null) {
            if (ip != null || helo != null || sender != null || identity != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--batch takes the queries from its input, "
                        + "not from --ip/--helo/--sender/--identity");
            }
            return batch(evaluator());
        }
        if (ip == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--ip=IP' (or --batch)");
        }
        InetAddress addr;
        try {
            addr = Envelope.parseIp(ip);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ip: " + e.getMessage());
        }
        boolean heloIdentity = identity == Identity.helo || sender == null || sender.isEmpty() || sender.equals("<>");
        if (heloIdentity && (helo == null || helo.isEmpty())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "checking the HELO identity needs --helo");
        }
        SpfOutcome o = check(evaluator(), addr, helo, sender, heloIdentity).join();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = json(o);
            if (explain) {
                m.put("trace", o.traceText().lines().toList());
            }
            out.println(Json.write(m));
        } else {
            out.println("spf=" + o.result().word() + " identity=" + o.identity().word() + " domain=" + o.domain());
            out.println("  " + o.reason());
            if (o.matchedTerm() != null) {
                out.println("  matched: " + o.matchedTerm() + (o.matchedDomain() == null ? "" : " in " + o.matchedDomain()));
            }
            if (o.explanation() != null) {
                out.println("  explanation: " + o.explanation());
            }
            out.println("  DNS-querying terms: " + o.dnsLookups() + ", void lookups: " + o.voidLookups());
            if (explain) {
                out.print(o.traceText());
            }
        }
        return Main.OK;
    }

    private static CompletableFuture<SpfOutcome> check(SpfEvaluator e, InetAddress ip, String helo, String sender,
            boolean heloIdentity) {
        return heloIdentity ? e.checkHelo(ip, helo) : e.check(ip, helo, sender);
    }

    static Map<String, Object> json(SpfOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", o.result().word());
        m.put("identity", o.identity().word());
        m.put("domain", o.domain());
        m.put("explanation", o.explanation());
        m.put("mechanism", o.matchedTerm());
        m.put("reason", o.reason());
        return m;
    }

    private int batch(SpfEvaluator evaluator) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        InputStream in = batch.equals("-") ? main.stdin() : Files.newInputStream(Path.of(batch));
        int errors = 0;
        Deque<CompletableFuture<Map<String, Object>>> window = new ArrayDeque<>();
        try (Reader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int lineNo = 0;
            String line;
            while ((line = readLine(r)) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                window.add(query(evaluator, line, lineNo));
                while (window.size() >= BATCH_WINDOW) {
                    errors += print(out, window.poll().join());
                }
            }
            while (!window.isEmpty()) {
                errors += print(out, window.poll().join());
            }
        }
        out.flush();
        return errors == 0 ? Main.OK : Main.PROCESSING_ERROR;
    }

    private static int print(PrintWriter out, Map<String, Object> m) {
        out.println(Json.write(m));
        return m.containsKey("error") ? 1 : 0;
    }

    private static CompletableFuture<Map<String, Object>> query(SpfEvaluator evaluator, String line, int lineNo) {
        if (line == TOO_LONG) {
            return CompletableFuture.completedFuture(error(lineNo, "line longer than " + MAX_LINE + " characters"));
        }
        try {
            Map<String, String> q = BatchQuery.parse(line);
            String ipText = q.get("ip");
            if (ipText == null) {
                throw new IllegalArgumentException("missing \"ip\"");
            }
            InetAddress ip = Envelope.parseIp(ipText);
            String helo = q.get("helo");
            String sender = q.get("sender");
            String id = q.getOrDefault("identity", "");
            if (!id.isEmpty() && !id.equals("mailfrom") && !id.equals("helo")) {
                throw new IllegalArgumentException("\"identity\" must be mailfrom or helo");
            }
            boolean heloIdentity = id.equals("helo") || sender == null || sender.isEmpty() || sender.equals("<>");
            if (heloIdentity && (helo == null || helo.isEmpty())) {
                throw new IllegalArgumentException("checking the HELO identity needs \"helo\"");
            }
            return check(evaluator, ip, helo, sender, heloIdentity).thenApply(SpfCommand::json)
                    .exceptionally(e -> error(lineNo, "internal error: " + e));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(error(lineNo, e.getMessage()));
        }
    }

    private static Map<String, Object> error(int lineNo, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", lineNo);
        m.put("error", message);
        return m;
    }

    /** A line of at most {@link #MAX_LINE} characters; a longer line is an error line, not an allocation. */
    private static String readLine(Reader r) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        boolean any = false;
        boolean tooLong = false;
        while ((c = r.read()) >= 0) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (sb.length() < MAX_LINE) {
                sb.append((char) c);
            } else {
                tooLong = true;
            }
        }
        if (!any) {
            return null;
        }
        return tooLong ? TOO_LONG : sb.toString();
    }
}
