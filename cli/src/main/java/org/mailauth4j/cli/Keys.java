package org.mailauth4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mailauth4j.dkim.DkimFormatException;
import org.mailauth4j.dkim.DkimKeys;
import org.mailauth4j.dkim.DkimPrivateKey;
import picocli.CommandLine;

/** The {@code --key PEM} option: a missing or unreadable key file is a usage error naming it. */
final class Keys {
    private Keys() {
    }

    static String text(CommandLine.Model.CommandSpec spec, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--key: no such file: " + file);
        }
        try {
            if (Files.size(file) > 1 << 20) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--key: " + file + " is not a key file (too large)");
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--key: cannot read " + file + ": " + e.getMessage());
        }
    }

    static DkimPrivateKey read(CommandLine.Model.CommandSpec spec, Path file) {
        String pem = text(spec, file);
        try {
            return DkimKeys.readPrivateKey(pem);
        } catch (DkimFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--key: " + file + ": " + e.getMessage());
        }
    }
}
