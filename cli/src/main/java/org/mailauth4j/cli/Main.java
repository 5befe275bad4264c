package org.mailauth4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mailauth4j} command: verify, sign and seal messages, check SPF, discover DMARC
 * policies, generate keys and read DMARC reports, from the shell.
 *
 * <p>Exit codes, the same for every subcommand: {@value #OK} success (authentication failures
 * are results, not errors), {@value #PROCESSING_ERROR} at least one input could not be processed
 * (missing or unreadable file, not a message, bad key file), {@value #USAGE} usage error (unknown
 * option, missing or invalid argument).
 */
@Command(name = "mailauth4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Email authentication: SPF, DKIM, DMARC, ARC and Authentication-Results.",
        subcommands = {VerifyCommand.class, SpfCommand.class, SignCommand.class, SealCommand.class, KeygenCommand.class,
            DmarcCommand.class, ReportCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (messages that fail authentication are results, not errors)",
            "1:processing error: at least one input could not be processed",
            "2:usage error: unknown option, missing or invalid argument"})
public final class Main implements Runnable {
    /** Success: every input was processed (whatever its authentication results). */
    public static final int OK = 0;
    /** At least one input could not be processed. */
    public static final int PROCESSING_ERROR = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where subcommands that print messages write bytes (stdout, or a test's buffer). */
    private OutputStream stdout = System.out;
    private InputStream stdin = System.in;

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /**
     * Runs the command line with the given streams and returns the exit code (for tests and
     * embedding). Text is written as UTF-8.
     */
    public static int run(String[] args, InputStream in, OutputStream out, OutputStream err) {
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        Main main = new Main();
        main.stdout = out;
        main.stdin = in;
        CommandLine cl = commandLine(main);
        cl.setOut(o);
        cl.setErr(e);
        try {
            return cl.execute(args);
        } finally {
            o.flush();
            e.flush();
        }
    }

    /** Raw standard output, for message bytes; flush the command's PrintWriter first. */
    OutputStream stdout() {
        return stdout;
    }

    InputStream stdin() {
        return stdin;
    }

    static CommandLine commandLine() {
        return commandLine(new Main());
    }

    private static CommandLine commandLine(Main main) {
        CommandLine cl = new CommandLine(main);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("mailauth4j: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            return PROCESSING_ERROR;
        });
        cl.setExitCodeExceptionMapper(ex -> ex instanceof CommandLine.ParameterException ? USAGE : PROCESSING_ERROR);
        applyExitCodeHelp(cl);
        return cl;
    }

    /** Every subcommand documents the exit codes in its help. */
    private static void applyExitCodeHelp(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().usageMessage().exitCodeList().isEmpty()) {
                sub.getCommandSpec().usageMessage()
                        .exitCodeListHeading("%nExit codes:%n")
                        .exitCodeList(cl.getCommandSpec().usageMessage().exitCodeList());
            }
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (try --help)");
    }

    /** The version from the build (resource filtered by Maven). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"mailauth4j " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
