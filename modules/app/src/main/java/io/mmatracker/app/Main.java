package io.mmatracker.app;

import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import io.mmatracker.app.cli.CliContext;
import io.mmatracker.app.cli.DemoCommand;
import io.mmatracker.app.cli.RunCommand;
import io.mmatracker.app.cli.SimulateCommand;
import io.mmatracker.app.cli.TopicsCommand;
import io.mmatracker.app.cli.WatchCommand;
import io.mmatracker.app.config.SettingsException;
import io.mmatracker.app.logging.LogFormat;
import io.mmatracker.app.logging.Logging;
import io.mmatracker.schema.serde.TrackerModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code mma-tracker} command: parses the command line, sets up logging and runs one subcommand. */
@Command(name = "mma-tracker", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        usageHelpAutoWidth = true,
        description = "Tracks MaxCompute Migration Assist (MMA) migrations through Kafka: polls MMA, keeps the latest "
                + "state of every object in Kafka Streams, serves it over HTTP and streams changes and alerts.",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Exit codes: 0 ok, 1 runtime failure, 2 bad usage or configuration.",
                "Run 'mma-tracker COMMAND --help' for the options of a command."})
public final class Main implements Callable<Integer> {

    /** Exit code of a command that did what it was asked. */
    public static final int OK = 0;
    /** Exit code of a failure at run time (Kafka unreachable, a port taken, a misconfigured topic...). */
    public static final int FAILURE = 1;
    /** Exit code of a bad command line or a bad setting; the message names the key and what it accepts. */
    public static final int USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--log-format", scope = ScopeType.INHERIT, paramLabel = "text|json",
            description = "Log lines as text or JSON objects, one per event, on standard error "
                    + "(default: $MMA_TRACKER_LOG_FORMAT, else text).")
    LogFormat logFormat;

    @Option(names = "--log-level", scope = ScopeType.INHERIT, paramLabel = "LEVEL",
            description = "Level of the tracker's own logs: error, warn, info, debug, trace "
                    + "(default: $MMA_TRACKER_LOG_LEVEL, else info).")
    String logLevel;

    private final CliContext context;

    Main(CliContext context) {
        this.context = context;
    }

    public static void main(String[] args) {
        CliContext context = CliContext.system();
        int code = execute(context, System.err, args);
        context.out().flush();
        context.err().flush();
        context.stop().exited(code);
        System.exit(code);
    }

    /**
     * Runs one command line and returns its exit code. Logging goes to {@code logStream} as configured by the
     * options; null leaves logging as it is (tests keep their own).
     */
    public static int execute(CliContext context, OutputStream logStream, String... args) {
        Main main = new Main(context);
        CommandLine line = commandLine(main, context);
        line.setExecutionStrategy(parseResult -> {
            if (!asksForHelp(parseResult)) {
                // Avro and Jackson take about a second to load on a busy machine: only for commands that do work.
                TrackerModel.trustGeneratedClassesGlobally();
                if (logStream != null) {
                    main.configureLogging(logStream);
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return line.execute(args);
    }

    /** The full command tree, wired to {@code context}. */
    public static CommandLine commandLine(Main main, CliContext context) {
        CommandLine line = new CommandLine(main)
                .addSubcommand(new DemoCommand(context))
                .addSubcommand(new RunCommand(context))
                .addSubcommand(new SimulateCommand(context))
                .addSubcommand(new TopicsCommand(context))
                .addSubcommand(new WatchCommand(context))
                .addSubcommand(new CommandLine.HelpCommand());
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setOut(context.out());
        line.setErr(context.err());
        line.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println("mma-tracker: " + e.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, failed.getErr())) {
                failed.getErr().println("Run '" + failed.getCommandSpec().qualifiedName() + " --help' for its options.");
            }
            return USAGE;
        });
        line.setExecutionExceptionHandler((e, failed, parseResult) -> {
            if (e instanceof SettingsException) {
                failed.getErr().println("mma-tracker: " + e.getMessage());
                return USAGE;
            }
            LOG.debug("{} failed", failed.getCommandSpec().qualifiedName(), e);
            failed.getErr().println("mma-tracker: " + failed.getCommandName() + " failed: " + describe(e));
            return FAILURE;
        });
        return line;
    }

    /** Without a subcommand: the overview. */
    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        return USAGE;
    }

    private void configureLogging(OutputStream logStream) {
        LogFormat format = logFormat;
        if (format == null) {
            String raw = context.env().getOrDefault("MMA_TRACKER_LOG_FORMAT", "text").trim();
            try {
                format = LogFormat.valueOf(raw.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "bad MMA_TRACKER_LOG_FORMAT '" + raw + "': expected text or json");
            }
        }
        String levelName = Optional.ofNullable(logLevel)
                .orElseGet(() -> context.env().getOrDefault("MMA_TRACKER_LOG_LEVEL", "info")).trim();
        Level level = Level.toLevel(levelName, null);
        if (level == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "bad log level '" + levelName
                    + "' (--log-level or MMA_TRACKER_LOG_LEVEL): expected error, warn, info, debug or trace");
        }
        Logging.configure(format, level, logStream);
    }

    /** Whether the command line only asks for help or the version (of any command), which print and exit. */
    private static boolean asksForHelp(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()
                    || p.commandSpec().userObject() instanceof CommandLine.HelpCommand) {
                return true;
            }
        }
        return false;
    }

    /** The message chain of a failure, without class names people do not need. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (sb.indexOf(message) < 0) {
                if (sb.length() > 0) {
                    sb.append(": ");
                }
                sb.append(message);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"mma-tracker " + (version == null ? "(development build)" : version)};
        }
    }
}
