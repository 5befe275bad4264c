package org.mailauth4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mailauth4j.AuthenticationReport;
import org.mailauth4j.Authenticator;
import org.mailauth4j.Envelope;
import org.mailauth4j.arc.ArcSealer;
import org.mailauth4j.core.dns.DnsResolver;
import org.mailauth4j.core.message.Message;
import org.mailauth4j.core.message.MessageFormatException;
import org.mailauth4j.dkim.DkimPrivateKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailauth4j seal}: authenticates a message, then adds this hop's ARC set (RFC 8617 §5.1). */
@Command(name = "seal", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        description = {"Authenticate a message (SPF, DKIM, ARC, DMARC), then print it with this host's "
            + "Authentication-Results and a new ARC set (ARC-Seal, ARC-Message-Signature, ARC-Authentication-Results) "
            + "on top, as a forwarding hop does. FILE may be - for standard input."})
final class SealCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Option(names = "--domain", paramLabel = "D", required = true, description = "Sealing domain (d=).")
    String domain;

    @Option(names = "--selector", paramLabel = "S", required = true, description = "Selector (s=).")
    String selector;

    @Option(names = "--key", paramLabel = "PEM", required = true, description = "Private key (RSA or Ed25519, PEM).")
    Path key;

    @Option(names = "--authserv-id", paramLabel = "ID", required = true, description = "This host's authserv-id.")
    String authservId;

    @Option(names = "--dns", paramLabel = "FILE", description = "Zone file or snapshot instead of live DNS (repeatable).")
    List<Path> dns = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "IP", description = "SMTP client IP address (for SPF).")
    String ip;

    @Option(names = "--helo", paramLabel = "HOST", description = "HELO/EHLO name (for SPF).")
    String helo;

    @Option(names = "--mail-from", paramLabel = "ADDR", description = "MAIL FROM address (for SPF).")
    String mailFrom;

    @Option(names = "--at", paramLabel = "INSTANT", converter = Instants.class,
            description = "Authenticate and seal as of this instant (ISO-8601 or epoch seconds); default now.")
    Instant at;

    @Parameters(paramLabel = "FILE", description = "The message (.eml), or - for standard input.")
    String file;

    @Override
    public Integer call() throws IOException {
        DkimPrivateKey privateKey = Keys.read(spec, key);
        Envelope envelope;
        try {
            envelope = ip == null && helo == null && mailFrom == null ? Envelope.NONE : Envelope.of(ip, helo, mailFrom);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ip: " + e.getMessage());
        }
        Authenticator.Builder b = Authenticator.builder();
        ArcSealer.Builder sb;
        try {
            b.authservId(authservId);
            sb = ArcSealer.builder(domain, selector, privateKey);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (at != null) {
            b.clock(Clock.fixed(at, ZoneOffset.UTC));
            sb.clock(Clock.fixed(at, ZoneOffset.UTC));
        }
        DnsResolver resolver = Dns.resolver(spec, dns);
        if (resolver != null) {
            b.resolver(resolver);
        }
        ArcSealer sealer = sb.build();
        MessageFiles.Loaded in;
        AuthenticationReport report;
        try {
            in = MessageFiles.read(file, main.stdin());
            report = b.build().authenticate(in.message().toBytes(), envelope);
        } catch (MessageFormatException e) {
            spec.commandLine().getErr().println("mailauth4j: " + file + ": not a message: " + e.getMessage());
            return Main.PROCESSING_ERROR;
        }
        Message withResults = in.message().prepend(List.of(report.authenticationResultsField()));
        Message sealed = report.seal(withResults, sealer);
        if (sealed == withResults) {
            spec.commandLine().getErr().println("mailauth4j: no ARC set added: " + report.arc().reason());
        }
        MessageFiles.write(main.stdout(), sealed, in.lf());
        return Main.OK;
    }
}
