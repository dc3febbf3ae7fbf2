package io.bourse.exchange.demo;

import io.bourse.exchange.config.InstrumentsConfig;
import io.bourse.exchange.engine.BookType;
import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.CommandType;
import io.bourse.exchange.engine.InstrumentSpec;
import io.bourse.exchange.engine.MatchingEngine;
import io.bourse.exchange.engine.TradingPhase;
import io.bourse.exchange.journal.EngineRecovery;
import io.bourse.exchange.journal.FsyncPolicy;
import io.bourse.exchange.journal.JournalSettings;
import io.bourse.exchange.journal.JournaledEngine;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The demo: the journaled matching engine trading a compressed day (pre-open, opening auction, continuous trading,
 * closing auction, close) on a generated order flow, with a summary every second; at the end the engine is rebuilt
 * from its snapshot and journal and must equal the live one.
 */
@CommandLine.Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the Bourse matching engine on a generated order flow through a compressed trading day,",
        "printing a summary every second, then rebuilds the engine from its journal and checks it is identical."})
public final class EngineDemo implements Callable<Integer>
{
    private static final long DAY_START_NANOS = Instant.parse("2026-01-05T08:00:00Z").getEpochSecond() * 1_000_000_000L;
    /** The simulated day (08:00 to 16:30) is spread evenly over the commands of the run. */
    private static final long DAY_LENGTH_NANOS = TimeUnit.MINUTES.toNanos(510);
    /** Pacing sleeps only when this far ahead of schedule: parking is too coarse for one command's worth. */
    private static final long PACING_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    @Option(names = "--seconds", defaultValue = "20", description = "Length of the run (default: ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--rate", defaultValue = "50000", description = "Commands per second (default: ${DEFAULT-VALUE}).")
    private int rate;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the order flow (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--config", defaultValue = "config/instruments.yaml",
        description = "Instruments file (default: ${DEFAULT-VALUE}).")
    private Path config;

    @Option(names = "--journal-dir",
        description = "Where the journal and snapshots go (default: a temporary directory, deleted at the end).")
    private Path journalDir;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final PrintStream out;

    public EngineDemo()
    {
        this(System.out);
    }

    EngineDemo(final PrintStream out)
    {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException
    {
        if (seconds <= 0 || rate <= 0)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--seconds and --rate must be positive (got " + seconds + " and " + rate + ")");
        }
        final List<InstrumentSpec> instruments = InstrumentsConfig.load(config);
        final boolean temporary = journalDir == null;
        final Path dir = temporary ? Files.createTempDirectory("bourse-demo-") : journalDir;
        try
        {
            return run(instruments, dir) ? 0 : 1;
        }
        finally
        {
            if (temporary)
            {
                deleteRecursively(dir);
            }
        }
    }

    private boolean run(final List<InstrumentSpec> instruments, final Path dir) throws IOException
    {
        final Map<Integer, String> symbols = new HashMap<>();
        instruments.forEach(spec -> symbols.put(spec.id(), spec.symbol()));
        final LiveOrders liveOrders = new LiveOrders();
        final MarketStats stats = new MarketStats(instruments);
        final DemoEvents events = new DemoEvents(liveOrders, stats, symbols, out);
        final JournalSettings settings = JournalSettings.DEFAULT
            .withFsyncPolicy(FsyncPolicy.DEFAULT)
            .withSnapshotEveryCommands(Math.max(10_000, rate * (long)seconds / 4));

        out.printf("Bourse demo: %d instruments from %s, %,d commands/s for %d s, seed %d, journal in %s%n",
            instruments.size(), config, rate, seconds, seed, dir);
        final long expectedHash;
        final long expectedSequence;
        try (JournaledEngine journaled =
            EngineRecovery.open(dir, instruments, events, EngineRecovery.SILENT, BookType.FAST, settings))
        {
            final MatchingEngine engine = journaled.engine();
            tradeOneDay(journaled, engine, instruments, new OrderFlow(instruments, liveOrders, seed), stats);
            journaled.flush();
            expectedHash = engine.stateHash();
            expectedSequence = engine.lastSequence();
        }

        try (JournaledEngine recovered = EngineRecovery.open(
            dir, instruments, EngineRecovery.SILENT, EngineRecovery.SILENT, BookType.FAST, settings))
        {
            final MatchingEngine engine = recovered.engine();
            final boolean same = engine.stateHash() == expectedHash && engine.lastSequence() == expectedSequence;
            out.printf("Recovery check: rebuilt from snapshot %d + journal up to command %,d: state %s (hash %016x)%n",
                recovered.lastSnapshotSequence(), engine.lastSequence(), same ? "IDENTICAL" : "DIFFERENT",
                engine.stateHash());
            return same;
        }
    }

    private void tradeOneDay(
        final JournaledEngine journaled,
        final MatchingEngine engine,
        final List<InstrumentSpec> instruments,
        final OrderFlow flow,
        final MarketStats stats)
    {
        final Command command = new Command();
        final long totalCommands = (long)rate * seconds;
        final long nanosPerCommand = TimeUnit.SECONDS.toNanos(1) / rate;
        final long simulatedNanosPerCommand = DAY_LENGTH_NANOS / totalCommands;
        final TradingPhase[] schedule = {
            TradingPhase.PRE_OPEN, TradingPhase.OPENING_AUCTION, TradingPhase.CONTINUOUS,
            TradingPhase.CLOSING_AUCTION, TradingPhase.CLOSED};
        final double[] startsAt = {0.0, 0.10, 0.15, 0.85, 0.95};
        int nextPhase = 0;

        final long start = System.nanoTime();
        long nextReport = start + TimeUnit.SECONDS.toNanos(1);
        long commandsAtLastReport = 0;
        for (long i = 0; i < totalCommands; i++)
        {
            final long timestamp = DAY_START_NANOS + i * simulatedNanosPerCommand;
            if (nextPhase < schedule.length && i >= (long)(startsAt[nextPhase] * totalCommands))
            {
                for (final InstrumentSpec spec : instruments)
                {
                    journaled.process(command.reset(CommandType.SET_PHASE)
                        .timestamp(timestamp).instrumentId(spec.id()).phase(schedule[nextPhase]));
                }
                nextPhase++;
            }
            if (engine.phase(instruments.get(0).id()) == TradingPhase.CLOSED)
            {
                journaled.process(command.reset(CommandType.TIMER_TICK).timestamp(timestamp));
            }
            else
            {
                flow.next(command, engine, timestamp);
                journaled.process(command);
            }

            final long now = System.nanoTime();
            final long due = start + (i + 1) * nanosPerCommand;
            if (due - now > PACING_SLACK_NANOS)
            {
                LockSupport.parkNanos(due - now);
            }
            if (now >= nextReport)
            {
                stats.print(out, engine, (now - start) / 1e9, stats.commands - commandsAtLastReport);
                commandsAtLastReport = stats.commands;
                nextReport += TimeUnit.SECONDS.toNanos(1);
            }
        }
        out.println("End of day:");
        stats.print(out, engine, (System.nanoTime() - start) / 1e9, stats.commands - commandsAtLastReport);
    }

    private static void deleteRecursively(final Path dir) throws IOException
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
    }

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new EngineDemo()).execute(args));
    }
}
