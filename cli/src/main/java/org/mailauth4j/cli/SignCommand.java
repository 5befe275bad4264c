package org.mailauth4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import org.mailauth4j.Authenticator;
import org.mailauth4j.core.message.MessageFormatException;
import org.mailauth4j.core.text.Ascii;
import org.mailauth4j.dkim.DkimFormatException;
import org.mailauth4j.dkim.DkimKeys;
import org.mailauth4j.dkim.DkimPrivateKey;
import org.mailauth4j.dkim.DkimSigner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mailauth4j sign}: adds a DKIM-Signature (RFC 6376 §5) and prints the signed message. */
@Command(name = "sign", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        description = {"Sign a message with DKIM and print the signed message on standard output "
            + "(line endings as in the input). FILE may be - for standard input."})
final class SignCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Option(names = "--domain", paramLabel = "D", required = true, description = "Signing domain (d=).")
    String domain;

    @Option(names = "--selector", paramLabel = "S", required = true, description = "Selector (s=).")
    String selector;

    @Option(names = "--key", paramLabel = "PEM", required = true,
            description = "Private key file: PEM PKCS#8 or PKCS#1 (RSA), PKCS#8 or a base64 seed (Ed25519).")
    Path key;

    @Option(names = "--algorithm", paramLabel = "ALG",
            description = "rsa-sha256 or ed25519-sha256; must match the key (default: from the key).")
    String algorithm;

    @Option(names = "--headers", paramLabel = "LIST", split = ",",
            description = "Header fields to sign when present (comma-separated; must include From). "
                + "Default: From,To,Cc,Subject,Date,Message-ID,... (over-signed).")
    List<String> headers;

    @Option(names = "--identity", paramLabel = "AUID", description = "i= (e.g. @mail.example.com).")
    String identity;

    @Option(names = "--at", paramLabel = "INSTANT", converter = Instants.class,
            description = "Signing time t= (ISO-8601 or epoch seconds); default now.")
    Instant at;

    @Option(names = "--expire-after", paramLabel = "SECONDS",
            description = "Add x= this many seconds after t=.")
    Long expireAfter;

    @Parameters(paramLabel = "FILE", description = "The message (.eml), or - for standard input.")
    String file;

    @Override
    public Integer call() throws IOException {
        DkimPrivateKey k = Keys.read(spec, key);
        DkimSigner.Builder b = DkimSigner.builder(domain, selector, k);
        if (headers != null) {
            try {
                b.headers(headers);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--headers: " + e.getMessage());
            }
        }
        if (identity != null) {
            b.identity(identity);
        }
        if (at != null) {
            b.clock(Clock.fixed(at, ZoneOffset.UTC));
        }
        if (expireAfter != null) {
            if (expireAfter <= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--expire-after: must be positive");
            }
            b.expireAfter(Duration.ofSeconds(expireAfter));
        }
        DkimSigner signer;
        try {
            signer = b.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (algorithm != null && !Ascii.equalsIgnoreCase(algorithm, signer.algorithm().tagValue())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--algorithm " + algorithm + " does not match the "
                    + k.keyType() + " key (it signs " + signer.algorithm().tagValue() + ")");
        }
        MessageFiles.Loaded in;
        try {
            in = MessageFiles.read(file, main.stdin());
        } catch (MessageFormatException e) {
            spec.commandLine().getErr().println("mailauth4j: " + file + ": not a message: " + e.getMessage());
            return Main.PROCESSING_ERROR;
        }
        try {
            MessageFiles.write(main.stdout(), Authenticator.sign(in.message(), signer), in.lf());
        } catch (DkimFormatException e) {
            spec.commandLine().getErr().println("mailauth4j: " + file + ": cannot sign: " + e.getMessage());
            return Main.PROCESSING_ERROR;
        }
        return Main.OK;
    }

}
