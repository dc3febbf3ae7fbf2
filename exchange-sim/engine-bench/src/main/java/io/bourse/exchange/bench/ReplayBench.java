package io.bourse.exchange.bench;

import io.bourse.exchange.engine.BookType;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Replays a loaded workload several times, a fresh engine each run: warm-up runs first (reported, not counted),
 * then measured runs, of which the median is the result. Each run is two passes on fresh engines: an untimed one
 * gives the throughput, a timed one (nanoTime around every command) gives the latency distribution. Every run must
 * end in the same state, since the engine is deterministic; a run that differs is reported, not averaged away.
 */
final class ReplayBench
{
    /** The medians of the measured runs, and the end state they all share. */
    record Summary(
        int measuredRuns,
        long opsPerSecond,
        long p50Nanos,
        long p99Nanos,
        long p999Nanos,
        long trades,
        long tradedQuantity,
        int restingAtEnd,
        long rejects,
        String firstReject,
        boolean consistent)
    {
    }

    private ReplayBench()
    {
    }

    /**
     * @param journalParent null to run the bare engine, else where each run's journal directory goes (deleted after)
     */
    static Summary replay(
        final Workload workload,
        final BookType bookType,
        final Path journalParent,
        final int warmupRuns,
        final int measuredRuns,
        final PrintStream out)
    {
        if (measuredRuns <= 0 || warmupRuns < 0)
        {
            throw new IllegalArgumentException("need at least one measured run and no negative warm-up");
        }
        final Histogram histogram = new Histogram(EngineRun.HIGHEST_TRACKABLE_NANOS, 3);
        final long[] opsPerSecond = new long[measuredRuns];
        final long[] p50 = new long[measuredRuns];
        final long[] p99 = new long[measuredRuns];
        final long[] p999 = new long[measuredRuns];
        RunResult first = null;
        boolean consistent = true;
        for (int run = 0; run < warmupRuns + measuredRuns; run++)
        {
            // Collect the previous run's engine now, outside the timed loop, rather than during the next one.
            System.gc();
            final long throughputNanos;
            final long throughputTrades;
            try (EngineRun engineRun = new EngineRun(workload, bookType, journalParent))
            {
                throughputNanos = engineRun.runThroughputPass();
                throughputTrades = engineRun.engine().tradeCount();
            }
            System.gc();
            histogram.reset();
            final RunResult result;
            try (EngineRun engineRun = new EngineRun(workload, bookType, journalParent))
            {
                result = engineRun.runAll(histogram);
            }
            final double untimedOpsPerSecond = result.measuredCommands() * 1e9 / throughputNanos;
            final boolean warmup = run < warmupRuns;
            final String label = warmup ? "warm-up " + (run + 1) + "/" + warmupRuns :
                "run " + (run - warmupRuns + 1) + "/" + measuredRuns;
            out.println(describe(label, untimedOpsPerSecond, result));
            if (throughputTrades != result.trades())
            {
                consistent = false;
                out.println("  ! the throughput pass ended with " + throughputTrades + " trades");
            }
            if (first == null)
            {
                first = result;
            }
            else if (!sameEndState(first, result))
            {
                consistent = false;
                out.println("  ! this run ended in a different state from the first one");
            }
            if (!warmup)
            {
                final int m = run - warmupRuns;
                opsPerSecond[m] = Math.round(untimedOpsPerSecond);
                p50[m] = result.p50Nanos();
                p99[m] = result.p99Nanos();
                p999[m] = result.p999Nanos();
            }
        }
        return new Summary(
            measuredRuns,
            Figures.median(opsPerSecond),
            Figures.median(p50),
            Figures.median(p99),
            Figures.median(p999),
            first.trades(),
            first.tradedQuantity(),
            first.restingAtEnd(),
            first.rejects(),
            first.firstReject(),
            consistent);
    }

    static String describe(final String label, final double untimedOpsPerSecond, final RunResult result)
    {
        return String.format(
            Locale.ROOT,
            "%-13s %s ops/s (timed pass %s)  p50 %s ns  p99 %s ns  p99.9 %s ns  max %s ns  trades %s  qty %s" +
                "  resting %s  rejects %s  alloc %s B",
            label,
            Figures.millions(untimedOpsPerSecond),
            Figures.millions(result.opsPerSecond()),
            Figures.count(result.p50Nanos()),
            Figures.count(result.p99Nanos()),
            Figures.count(result.p999Nanos()),
            Figures.count(result.maxNanos()),
            Figures.count(result.trades()),
            Figures.count(result.tradedQuantity()),
            Figures.count(result.restingAtEnd()),
            Figures.count(result.rejects()),
            Figures.count(result.allocatedBytes()));
    }

    private static boolean sameEndState(final RunResult a, final RunResult b)
    {
        return a.trades() == b.trades() && a.tradedQuantity() == b.tradedQuantity() &&
            a.restingAtEnd() == b.restingAtEnd() && a.rejects() == b.rejects();
    }
}
