package org.mailauth4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.mailauth4j.AuthenticationReport;
import org.mailauth4j.AuthenticationSession;
import org.mailauth4j.Authenticator;
import org.mailauth4j.Envelope;
import org.mailauth4j.core.dns.DnsNames;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.dns.RecordingResolver;
import org.mailauth4j.core.message.MessageFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailauth4j verify}: authenticates messages from files, directories, Maildirs and mboxes. */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        description = {"Authenticate messages: SPF, DKIM, ARC and DMARC, with the Authentication-Results header.",
            "PATH is an .eml file, a directory (searched recursively for *.eml, *.mbox and Maildir messages) "
                + "or an mbox file. A message that fails authentication is a result, not an error."})
final class VerifyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dns", paramLabel = "FILE",
            description = {"DNS data instead of live DNS: an RFC 1035 zone file or a snapshot (.jsonl). Repeatable; "
                + "the files are merged. With --dns no live DNS query is made."})
    List<Path> dns = new ArrayList<>();

    @Option(names = "--record", paramLabel = "SNAPSHOT",
            description = "Write every DNS answer used into this snapshot file (.jsonl), for offline replay with --dns.")
    Path record;

    @Option(names = "--at", paramLabel = "INSTANT", converter = Instants.class,
            description = "Verify as of this instant (ISO-8601 like 2026-11-20T12:00:00Z, or epoch seconds); default now.")
    Instant at;

    @Option(names = "--ip", paramLabel = "IP",
            description = "SMTP client IP address (for SPF, and source_ip of --aggregate-report).")
    String ip;

    @Option(names = "--envelope-from-trace",
            description = {"Take each message's SMTP envelope from its trace fields and evaluate SPF with it: the "
                + "client IP (TCP-info) and HELO (From-domain) of the top-most Received field with a from clause "
                + "(loopback hops passed over, lower fields never used), MAIL FROM from the top-most Return-Path "
                + "(<> is the null sender). Not with --ip/--helo/--mail-from; on by default with --aggregate-report "
                + "when --ip is absent."})
    boolean envelopeFromTrace;

    @Option(names = "--helo", paramLabel = "HOST", description = "HELO/EHLO name (for SPF).")
    String helo;

    @Option(names = "--mail-from", paramLabel = "ADDR", description = "MAIL FROM address (for SPF); \"\" or <> for the null sender.")
    String mailFrom;

    @Option(names = "--authserv-id", paramLabel = "ID", defaultValue = "mailauth4j",
            description = "authserv-id for Authentication-Results (default: ${DEFAULT-VALUE}).")
    String authservId;

    @Option(names = "--json", description = "One JSON object per message per line.")
    boolean json;

    @Option(names = "--arc-oldest-pass", description = "Also report ARC header.oldest-pass (RFC 8617 section 5.2; "
            + "verifies every older ARC-Message-Signature).")
    boolean arcOldestPass;

    @CommandLine.ArgGroup(exclusive = false, multiplicity = "0..1",
            heading = "DMARC aggregate reports (RFC 9990) for the messages verified; the three options go together:%n")
    AggregateOptions aggregate;

    /** {@code --aggregate-report DIR --report-org NAME --report-email ADDR}. */
    static final class AggregateOptions {
        @Option(names = "--aggregate-report", paramLabel = "DIR", required = true,
                description = {"Write one RFC 9990 aggregate report per DMARC policy domain into DIR (created if "
                    + "needed), as uncompressed XML named receiver!policy-domain!begin!end!unique-id.xml (unique-id: a hash of "
                    + "the content, also in the Report-ID); existing files are "
                    + "not overwritten. The period runs from the earliest to one second after the latest arrival "
                    + "(the date-time of the Received field the client IP came from); only when no such date parses, "
                    + "from the evaluation instants (--at, or the run's clock). Without --ip, the envelope (source_ip, and SPF's identities) comes from each "
                    + "message's trace fields (--envelope-from-trace); messages without a client IP are skipped and "
                    + "counted on stderr, as are messages without an applicable DMARC policy."})
        Path dir;

        @Option(names = "--report-org", paramLabel = "NAME", required = true,
                description = "Reporting organization (org_name).")
        String org;

        @Option(names = "--report-email", paramLabel = "ADDR", required = true,
                description = "Reporting contact address (email); its domain is the receiver in file names and "
                    + "Report-IDs unless --report-receiver is given.")
        String email;

        @Option(names = "--report-receiver", paramLabel = "DOMAIN",
                description = "The receiver's domain in file names and Report-IDs (default: the domain of --report-email).")
        String receiver;

        @Option(names = "--report-gzip",
                description = "Write each report gzip-compressed, as it is sent by e-mail (RFC 9990: name ending .xml.gz).")
        boolean gzip;
    }

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files, directories or mbox files.")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean envelopeOptions = ip != null || helo != null || mailFrom != null;
        if (envelopeFromTrace && envelopeOptions) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--envelope-from-trace takes the envelope from the messages, not from --ip/--helo/--mail-from");
        }
        if (aggregate != null && ip == null && envelopeOptions) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--aggregate-report: give --ip with "
                    + "--helo/--mail-from, or none of them (the envelope then comes from the trace fields)");
        }
        fromTrace = envelopeFromTrace || (aggregate != null && ip == null);
        tracing = fromTrace || aggregate != null;
        try {
            envelope = envelopeOptions ? Envelope.of(ip, helo, mailFrom) : Envelope.NONE;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ip: " + e.getMessage());
        }
        Authenticator.Builder b = Authenticator.builder();
        try {
            b.authservId(authservId);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--authserv-id: " + e.getMessage());
        }
        Clock clock = at != null ? Clock.fixed(at, ZoneOffset.UTC) : Clock.systemUTC();
        b.clock(clock);
        AggregateReports reports = aggregate == null ? null : aggregateReports();
        b.arcOldestPass(arcOldestPass);
        DnsResolver resolver = Dns.resolver(spec, dns);
        RecordingResolver recorder = null;
        if (record != null) {
            recorder = new RecordingResolver(resolver != null ? resolver : Dns.live());
            resolver = recorder;
        }
        if (resolver != null) {
            b.resolver(resolver);
        }
        Authenticator auth = b.build();
        Progress progress = Progress.start(err);
        Results results = new Results(out, progress, reports, clock);
        for (MessageSources.Input in : MessageSources.expand(paths)) {
            if (in.problem() != null) {
                results.error(in.name(), in.problem());
            } else if (in.mbox()) {
                verifyMbox(auth, in, results);
            } else {
                verifyOne(auth, in, results);
            }
        }
        results.drain(0);
        progress.done();
        out.flush();
        boolean reportsWritten = reports == null || reports.write(err);
        if (recorder != null) {
            try {
                recorder.writeTo(record);
                err.println("mailauth4j: recorded " + recorder.size() + " DNS answers in " + record);
            } catch (IOException e) {
                err.println("mailauth4j: cannot write " + record + ": " + e.getMessage());
                return Main.PROCESSING_ERROR;
            }
        }
        return results.failures == 0 && reportsWritten ? Main.OK : Main.PROCESSING_ERROR;
    }

    private AggregateReports aggregateReports() {
        String email = aggregate.email.strip();
        int at = email.lastIndexOf('@');
        String domain = at > 0 ? email.substring(at + 1) : "";
        if (aggregate.receiver != null) {
            domain = aggregate.receiver.strip();
            if (!MessageTrace.isDomain(domain)) { // it becomes part of file names: letters, digits, '-', '.'
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--report-receiver: not a domain name: " + aggregate.receiver);
            }
        } else if (!MessageTrace.isDomain(domain)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--report-email: not an address with a domain name (or give --report-receiver): " + aggregate.email);
        }
        if (aggregate.org.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--report-org: empty");
        }
        if (Files.exists(aggregate.dir) && !Files.isDirectory(aggregate.dir)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--aggregate-report: not a directory: " + aggregate.dir);
        }
        return new AggregateReports(aggregate.dir, aggregate.org.strip(), email, DnsNames.canonical(domain),
                aggregate.gzip);
    }

    /** The envelope from the options ({@link Envelope#NONE} without them). */
    private Envelope envelope;
    /** Whether each message's envelope comes from its trace fields. */
    private boolean fromTrace;
    /** Whether the trace fields are read (for the envelope, or for an aggregate report). */
    private boolean tracing;

    /** One message being verified: a plain session, or one that reads the trace fields first. */
    private final class Run {
        private final AuthenticationSession plain;
        private final TracedSession traced;

        Run(Authenticator auth) {
            plain = tracing ? null : auth.newSession().envelope(envelope);
            traced = tracing ? new TracedSession(auth, fromTrace ? null : envelope) : null;
        }

        void feed(byte[] buf, int off, int len) throws MessageFormatException {
            if (plain != null) {
                plain.feed(buf, off, len);
            } else {
                traced.feed(buf, off, len);
            }
        }

        void finish(String name, Results results) throws MessageFormatException {
            if (plain != null) {
                results.report(name, plain.finish(), envelope.clientIp(), null);
                return;
            }
            CompletableFuture<AuthenticationReport> f = traced.finish();
            MessageTrace t = traced.trace();
            results.report(name, f, fromTrace ? t.clientIp() : envelope.clientIp(), t.arrival());
        }
    }

    /**
     * Messages in flight, printed in input order: while one message waits for DNS the next ones
     * are read and their lookups started, at most {@link #WINDOW} at a time (memory stays bounded:
     * a message in flight holds its header section, not its body).
     */
    final class Results {
        private final PrintWriter out;
        private final Progress progress;
        private final AggregateReports reports;
        private final Clock clock;
        private final Deque<Pending> pending = new ArrayDeque<>();
        int failures;

        /** A message in flight, with what its aggregate report row needs besides the result. */
        private record Pending(String name, CompletableFuture<Object> result, InetAddress sourceIp, Instant arrival,
                Instant at) {
        }

        Results(PrintWriter out, Progress progress, AggregateReports reports, Clock clock) {
            this.out = out;
            this.progress = progress;
            this.reports = reports;
            this.clock = clock;
        }

        /**
         * @param sourceIp the SMTP client's address for the aggregate report, or {@code null}
         * @param arrival when the message arrived (from its trace fields), or {@code null}
         */
        void report(String name, CompletableFuture<AuthenticationReport> f, InetAddress sourceIp, Instant arrival) {
            add(name, f.<Object>thenApply(r -> r).exceptionally(e -> "internal error: "
                    + (e.getCause() != null ? e.getCause() : e)), sourceIp, arrival);
        }

        void error(String name, String problem) {
            add(name, CompletableFuture.completedFuture(problem), null, null);
        }

        private void add(String name, CompletableFuture<Object> f, InetAddress sourceIp, Instant arrival) {
            pending.add(new Pending(name, f, sourceIp, arrival, clock.instant()));
            drain(WINDOW);
        }

        /** Prints finished heads until at most {@code keep} messages are in flight. */
        void drain(int keep) {
            while (pending.size() > keep) {
                Pending p = pending.poll();
                Object v = p.result().join();
                if (v instanceof AuthenticationReport r) {
                    print(out, p.name(), r, null);
                    if (reports != null) {
                        reports.add(r, p.sourceIp(), p.arrival(), p.at());
                    }
                } else {
                    failures++;
                    print(out, p.name(), null, (String) v);
                }
                progress.tick();
            }
        }
    }

    /** Messages verified concurrently while their DNS answers are awaited. */
    static final int WINDOW = 32;

    private void verifyOne(Authenticator auth, MessageSources.Input in, Results results) {
        try (InputStream s = Files.newInputStream(in.path())) {
            Run run = new Run(auth);
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = s.read(buf)) >= 0) {
                run.feed(buf, 0, n);
            }
            run.finish(in.name(), results);
        } catch (MessageFormatException e) {
            results.error(in.name(), "not a message: " + e.getMessage());
        } catch (IOException e) {
            results.error(in.name(), "cannot read: " + describe(e));
        } catch (RuntimeException e) {
            results.error(in.name(), "internal error: " + e);
        }
    }

    private void verifyMbox(Authenticator auth, MessageSources.Input in, Results results) {
        try (InputStream s = Files.newInputStream(in.path())) {
            MboxReader.read(s, new MboxReader.Handler() {
                Run run;
                String name;
                String problem;

                @Override
                public void start(int index) {
                    name = in.name() + "#" + index;
                    problem = null;
                    run = new Run(auth);
                }

                @Override
                public void data(byte[] buf, int off, int len) {
                    if (problem != null) {
                        return;
                    }
                    try {
                        run.feed(buf, off, len);
                    } catch (MessageFormatException e) {
                        problem = "not a message: " + e.getMessage();
                    }
                }

                @Override
                public void end() {
                    if (problem == null) {
                        try {
                            run.finish(name, results);
                            return;
                        } catch (MessageFormatException e) {
                            problem = "not a message: " + e.getMessage();
                        } catch (RuntimeException e) {
                            problem = "internal error: " + e;
                        }
                    }
                    results.error(name, problem);
                }
            });
        } catch (IOException e) {
            results.error(in.name(), "cannot read: " + describe(e));
        }
    }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private void print(PrintWriter out, String file, AuthenticationReport r, String error) {
        if (json) {
            out.println(Json.write(r == null ? errorJson(file, error) : reportJson(file, r)));
        } else {
            out.print(r == null ? "== " + file + "\n  error: " + error + "\n\n" : Human.block(file, r));
        }
        out.flush();
    }

    static Map<String, Object> errorJson(String file, String error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("error", error);
        return m;
    }

    static Map<String, Object> reportJson(String file, AuthenticationReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        Map<String, Object> spf = new LinkedHashMap<>();
        spf.put("result", r.spf().result());
        spf.put("domain", r.spf().domain());
        spf.put("explanation", r.spf().explanation());
        spf.put("identity", r.spf().identity());
        spf.put("mechanism", r.spf().mechanism());
        spf.put("reason", r.spf().reason());
        m.put("spf", spf);
        List<Object> dkim = new ArrayList<>();
        for (AuthenticationReport.Dkim d : r.dkim()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("result", d.result());
            o.put("domain", d.domain());
            o.put("selector", d.selector());
            o.put("algorithm", d.algorithm());
            o.put("reason", d.reason());
            dkim.add(o);
        }
        m.put("dkim", dkim);
        Map<String, Object> arc = new LinkedHashMap<>();
        arc.put("result", r.arc().result());
        arc.put("instances", r.arc().instances());
        arc.put("reason", r.arc().reason());
        m.put("arc", arc);
        Map<String, Object> dmarc = new LinkedHashMap<>();
        dmarc.put("result", r.dmarc().result());
        dmarc.put("policy", r.dmarc().policy());
        dmarc.put("disposition", r.dmarc().disposition());
        dmarc.put("domain", r.dmarc().domain());
        dmarc.put("reason", r.dmarc().reason());
        m.put("dmarc", dmarc);
        m.put("authenticationResults", r.authenticationResultsHeader().replace("\r\n", ""));
        return m;
    }
}
