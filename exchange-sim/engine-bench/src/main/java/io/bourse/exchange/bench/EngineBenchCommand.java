package io.bourse.exchange.bench;

import io.bourse.exchange.engine.BookType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench engine}: throughput and per-command latency of the matching engine on one thread, either on a
 * generated mixed stream for a number of seconds, or on a recorded stream (the shared reference workload CSV)
 * replayed several times. The last line printed is one JSON object with the result, for scripts.
 */
@Command(
    name = "engine",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Throughput and latency of the matching engine on one thread.",
        "Without --replay: a generated mix (50%% new limits around the touch, 30%% cancels, 15%% replaces, " +
            "5%% IOC/market) on a prefilled book, run for --seconds.",
        "With --replay: the reference workload CSV (shared/bench/EngineWorkload.java), median of --runs runs " +
            "after --warmup runs, each on a fresh engine.",
        "Exit status 1 when any command was refused or the engine ended in an unexpected state."})
final class EngineBenchCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--seconds", paramLabel = "N",
        description = "Generated mode: measured seconds (default ${DEFAULT-VALUE}).")
    private double seconds = 10;

    @Option(names = "--warmup-seconds", paramLabel = "N",
        description = "Generated mode: seconds run before measuring (default ${DEFAULT-VALUE}).")
    private double warmupSeconds = 3;

    @Option(names = "--symbols", paramLabel = "K",
        description = "Generated mode: instruments (default ${DEFAULT-VALUE}).")
    private int symbols = 1;

    @Option(names = "--seed", paramLabel = "S", description = "Generated mode: random seed (default ${DEFAULT-VALUE}).")
    private long seed = 42;

    @Option(names = "--commands", paramLabel = "M",
        description = "Generated mode: measured commands in the stream, repeated as needed (default ${DEFAULT-VALUE}).")
    private int commands = 1_000_000;

    @Option(names = "--prefill", paramLabel = "P",
        description = "Generated mode: resting orders per instrument before measuring (default ${DEFAULT-VALUE}).")
    private int prefill = 10_000;

    @Option(names = "--replay", paramLabel = "FILE.csv", description = "Replay this workload CSV instead.")
    private Path replay;

    @Option(names = "--runs", paramLabel = "N", description = "Replay: measured runs (default ${DEFAULT-VALUE}).")
    private int runs = 5;

    @Option(names = "--warmup", paramLabel = "N", description = "Replay: warm-up runs (default ${DEFAULT-VALUE}).")
    private int warmup = 3;

    @Option(names = "--journal",
        description = "Replay: through the command journal (JournaledEngine, default fsync policy), on local disk.")
    private boolean journal;

    @Option(names = "--journal-dir", paramLabel = "DIR",
        description = "Replay: parent of each run's journal directory, deleted after the run " +
            "(default: java.io.tmpdir, ${DEFAULT-VALUE}).")
    private Path journalDirectory = Path.of(System.getProperty("java.io.tmpdir"));

    @Option(names = "--book", paramLabel = "TYPE",
        description = "Book: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    private BookType bookType = BookType.FAST;

    @Option(names = "--expect-trades", paramLabel = "N", description = "Replay: fail unless the engine made N trades.")
    private Long expectTrades;

    @Option(names = "--expect-traded-qty", paramLabel = "Q", description = "Replay: fail unless Q was traded in all.")
    private Long expectTradedQuantity;

    @Option(names = "--expect-resting", paramLabel = "N", description = "Replay: fail unless N orders rest at the end.")
    private Integer expectResting;

    @Override
    public Integer call() throws IOException
    {
        final PrintStream out = System.out;
        out.println(String.format(Locale.ROOT, "java %s (%s), %d processors, max heap %s MB",
            System.getProperty("java.version"), System.getProperty("java.vm.name"),
            Runtime.getRuntime().availableProcessors(), Figures.count(Runtime.getRuntime().maxMemory() >> 20)));
        return replay == null ? synthetic(out) : replay(out);
    }

    private int synthetic(final PrintStream out)
    {
        require(seconds > 0 && warmupSeconds >= 0, "--seconds must be positive and --warmup-seconds not negative");
        require(symbols > 0 && commands > 0 && prefill >= 0, "--symbols and --commands must be positive");
        require(!journal, "--journal applies to --replay only");

        out.println(String.format(Locale.ROOT,
            "generating %s commands over %d instrument(s) after a prefill of %s orders each (seed %d)...",
            Figures.count(commands), symbols, Figures.count(prefill), seed));
        final long generationStart = System.nanoTime();
        final SyntheticWorkload generated = SyntheticWorkload.generate(symbols, prefill, commands, seed);
        out.println(String.format(Locale.ROOT,
            "generated in %.1f s against the REFERENCE book: %s trades, qty %s, %s resting at the end",
            (System.nanoTime() - generationStart) / 1e9, Figures.count(generated.expectedTrades),
            Figures.count(generated.expectedTradedQuantity), Figures.count(generated.expectedRestingAtEnd)));
        out.println(describeMix(generated.workload));
        out.println(String.format(Locale.ROOT, "book %s, %.0f s warm-up, then %.0f s measured", bookType,
            warmupSeconds, seconds));

        final SyntheticBench.Summary summary = new SyntheticBench(generated, bookType, out)
            .run(secondsToNanos(warmupSeconds), secondsToNanos(seconds));

        out.println(String.format(Locale.ROOT,
            "result: %s ops/s (%s commands in %.2f s, %d passes)  p50 %s ns  p99 %s ns  p99.9 %s ns  rejects %s",
            Figures.millions(summary.opsPerSecond()), Figures.count(summary.commands()),
            summary.elapsedNanos() / 1e9, summary.passes(), Figures.count(summary.p50Nanos()),
            Figures.count(summary.p99Nanos()), Figures.count(summary.p999Nanos()), Figures.count(summary.rejects())));
        out.println(String.format(Locale.ROOT, "%d complete pass(es) checked against the reference book, %d wrong; " +
            "%s bytes allocated in the measured loops (progress lines included)", summary.completePasses(),
            summary.wrongPasses(), Figures.count(summary.allocatedBytes())));
        final boolean ok = summary.rejects() == 0 && summary.wrongPasses() == 0;
        if (!ok)
        {
            out.println("! FAILED: the engine refused commands or ended in a state the reference book did not");
        }
        out.println(new Figures()
            .field("ops_per_sec", summary.opsPerSecond())
            .field("p50_ns", summary.p50Nanos())
            .field("p99_ns", summary.p99Nanos())
            .field("p999_ns", summary.p999Nanos())
            .field("symbols", symbols)
            .json());
        return ok ? 0 : 1;
    }

    private int replay(final PrintStream out) throws IOException
    {
        require(runs > 0 && warmup >= 0, "--runs must be positive and --warmup not negative");
        require(Files.isRegularFile(replay), "no such file: " + replay);
        final Path journalDir = journal ? journalDirectory : null;
        if (journal)
        {
            require(Files.isDirectory(journalDir), "no such directory: " + journalDir);
        }

        out.println("loading " + replay + " ...");
        final long loadStart = System.nanoTime();
        final Workload workload;
        try
        {
            workload = WorkloadCsv.load(replay);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("cannot replay: " + ex.getMessage());
            return 2;
        }
        out.println(String.format(Locale.ROOT, "loaded in %.1f s: %s commands, %s prefill (untimed), %s measured, " +
            "%d instrument(s)", (System.nanoTime() - loadStart) / 1e9, Figures.count(workload.size),
            Figures.count(workload.prefillCount), Figures.count(workload.measuredCount()), workload.instrumentCount));
        out.println(describeMix(workload));
        out.println(String.format(Locale.ROOT, "book %s, journal %s, %d warm-up run(s), median of %d run(s)",
            bookType, journal ? "on (" + journalDir + ")" : "off", warmup, runs));

        final ReplayBench.Summary summary = ReplayBench.replay(workload, bookType, journalDir, warmup, runs, out);

        out.println(String.format(Locale.ROOT,
            "median: %s ops/s  p50 %s ns  p99 %s ns  p99.9 %s ns  trades %s  traded qty %s  resting %s  rejects %s",
            Figures.millions(summary.opsPerSecond()), Figures.count(summary.p50Nanos()),
            Figures.count(summary.p99Nanos()), Figures.count(summary.p999Nanos()), Figures.count(summary.trades()),
            Figures.count(summary.tradedQuantity()), Figures.count(summary.restingAtEnd()),
            Figures.count(summary.rejects())));
        boolean ok = summary.consistent() && summary.rejects() == 0;
        if (summary.firstReject() != null)
        {
            out.println("! first reject: " + summary.firstReject());
        }
        ok &= expect("trades", expectTrades, summary.trades(), out);
        ok &= expect("traded qty", expectTradedQuantity, summary.tradedQuantity(), out);
        ok &= expect("resting", expectResting == null ? null : expectResting.longValue(), summary.restingAtEnd(), out);
        if (!ok)
        {
            out.println("! FAILED: refused commands, runs that disagree, or figures other than expected");
        }
        out.println(new Figures()
            .field("ops_per_sec", summary.opsPerSecond())
            .field("p50_ns", summary.p50Nanos())
            .field("p99_ns", summary.p99Nanos())
            .field("p999_ns", summary.p999Nanos())
            .field("trades", summary.trades())
            .field("traded_qty", summary.tradedQuantity())
            .field("resting_at_end", summary.restingAtEnd())
            .field("journal", journal)
            .json());
        return ok ? 0 : 1;
    }

    private static boolean expect(final String what, final Long expected, final long actual, final PrintStream out)
    {
        if (expected == null || expected == actual)
        {
            return true;
        }
        out.println("! expected " + what + " " + Figures.count(expected) + ", got " + Figures.count(actual));
        return false;
    }

    private static String describeMix(final Workload workload)
    {
        final long[] mix = workload.measuredMix();
        final double total = Math.max(1, workload.measuredCount());
        return String.format(Locale.ROOT,
            "measured mix: new limit %.1f%%, cancel %.1f%%, replace %.1f%%, IOC limit %.1f%%, market %.1f%%",
            100 * mix[Workload.NEW_LIMIT] / total, 100 * mix[Workload.CANCEL] / total,
            100 * mix[Workload.REPLACE] / total, 100 * mix[Workload.NEW_LIMIT_IOC] / total,
            100 * mix[Workload.NEW_MARKET] / total);
    }

    private static long secondsToNanos(final double seconds)
    {
        return Math.round(seconds * TimeUnit.SECONDS.toNanos(1));
    }

    private void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }
}
