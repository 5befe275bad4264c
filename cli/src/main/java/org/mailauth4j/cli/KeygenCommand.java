package org.mailauth4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import org.mailauth4j.core.dns.DnsNames;
import org.mailauth4j.dkim.DkimKeys;
import org.mailauth4j.dkim.DkimPrivateKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mailauth4j keygen}: a new DKIM key pair and its DNS record. */
@Command(name = "keygen", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        description = {"Generate a DKIM signing key: PREFIX.pem (private key, PKCS#8 PEM, mode 600) and PREFIX.zone "
            + "(the key record as a zone-file line to publish at SELECTOR._domainkey.DOMAIN). Existing files are not overwritten."})
final class KeygenCommand implements Callable<Integer> {
    enum Algorithm { rsa, ed25519 }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--algorithm", paramLabel = "ALG", defaultValue = "rsa",
            description = "rsa or ed25519 (RFC 8463); default ${DEFAULT-VALUE}.")
    Algorithm algorithm;

    @Option(names = "--bits", paramLabel = "N", defaultValue = "2048",
            description = "RSA key size: 2048, 3072 or 4096; default ${DEFAULT-VALUE}.")
    int bits;

    @Option(names = "--domain", paramLabel = "D", required = true, description = "The signing domain (d=).")
    String domain;

    @Option(names = "--selector", paramLabel = "S", required = true, description = "The selector (s=).")
    String selector;

    @Option(names = "--out", paramLabel = "PREFIX", required = true, description = "Output file prefix.")
    String out;

    @Override
    public Integer call() throws IOException {
        if (algorithm == Algorithm.rsa && bits != 2048 && bits != 3072 && bits != 4096) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bits: must be 2048, 3072 or 4096");
        }
        if (DnsNames.problem(domain) != null || DnsNames.problem(selector) != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--domain/--selector: not a valid DNS name");
        }
        Path pem = Path.of(out + ".pem");
        Path zone = Path.of(out + ".zone");
        for (Path p : new Path[] {pem, zone}) {
            if (Files.exists(p)) {
                spec.commandLine().getErr().println("mailauth4j: " + p + " exists; not overwriting it");
                return Main.PROCESSING_ERROR;
            }
        }
        DkimPrivateKey key = algorithm == Algorithm.rsa ? DkimKeys.generateRsa(bits) : DkimKeys.generateEd25519();
        try {
            Files.createFile(pem, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(pem);
        } catch (FileAlreadyExistsException e) {
            spec.commandLine().getErr().println("mailauth4j: " + pem + " exists; not overwriting it");
            return Main.PROCESSING_ERROR;
        }
        Files.writeString(pem, DkimKeys.toPem(key), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        Files.writeString(zone, DkimKeys.zoneEntry(selector, domain, key.publicKey()) + "\n", StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE_NEW);
        spec.commandLine().getOut().println("wrote " + pem + " and " + zone);
        return Main.OK;
    }
}
