package io.bourse.exchange.bench;

import io.bourse.exchange.engine.BookType;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs a generated stream for a given time: pass after pass, each on a fresh engine whose prefill is not timed,
 * until the measured loops add up to the time asked for; first with every command timed (the latency figures),
 * then as long again untimed (the throughput figure). A pass that runs to the end of the stream must end exactly
 * as the reference book did when the stream was generated; the summary counts the passes that did not.
 */
final class SyntheticBench
{
    record Summary(
        long opsPerSecond,
        long p50Nanos,
        long p99Nanos,
        long p999Nanos,
        long commands,
        long elapsedNanos,
        int passes,
        int completePasses,
        int wrongPasses,
        long rejects,
        long allocatedBytes)
    {
    }

    private final SyntheticWorkload generated;
    private final BookType bookType;
    private final PrintStream out;

    SyntheticBench(final SyntheticWorkload generated, final BookType bookType, final PrintStream out)
    {
        this.generated = generated;
        this.bookType = bookType;
        this.out = out;
    }

    Summary run(final long warmupNanos, final long measuredNanos)
    {
        final Histogram histogram = new Histogram(EngineRun.HIGHEST_TRACKABLE_NANOS, 3);
        if (warmupNanos > 0)
        {
            final Summary warmup = runFor(warmupNanos, histogram, null);
            out.println(String.format(Locale.ROOT, "warm-up       %s ops/s over %s commands (not counted)",
                Figures.millions(warmup.opsPerSecond()), Figures.count(warmup.commands())));
            histogram.reset();
        }
        final Summary timed = runFor(measuredNanos, histogram, new SecondReport(histogram));
        final long untimedOpsPerSecond = throughputFor(measuredNanos);
        out.println(String.format(Locale.ROOT, "untimed passes %s ops/s (the timed passes above: %s ops/s)",
            Figures.millions(untimedOpsPerSecond), Figures.millions(timed.opsPerSecond())));
        return new Summary(untimedOpsPerSecond, timed.p50Nanos(), timed.p99Nanos(), timed.p999Nanos(),
            timed.commands(), timed.elapsedNanos(), timed.passes(), timed.completePasses(), timed.wrongPasses(),
            timed.rejects(), timed.allocatedBytes());
    }

    /**
     * Whole passes with no clock read per command, for at least {@code budgetNanos} of measured time: the
     * throughput figure, free of the two {@code nanoTime} calls per command of the latency passes.
     */
    private long throughputFor(final long budgetNanos)
    {
        final Workload workload = generated.workload;
        long elapsed = 0;
        long commands = 0;
        while (elapsed < budgetNanos)
        {
            System.gc();
            try (EngineRun run = new EngineRun(workload, bookType, null))
            {
                elapsed += run.runThroughputPass();
                commands += workload.size - workload.prefillCount;
            }
        }
        return Math.round(commands * 1e9 / elapsed);
    }

    private Summary runFor(final long budgetNanos, final Histogram histogram, final SecondReport report)
    {
        final Workload workload = generated.workload;
        long elapsed = 0;
        long commands = 0;
        int passes = 0;
        int completePasses = 0;
        int wrongPasses = 0;
        long rejects = 0;
        long allocated = 0;
        while (elapsed < budgetNanos)
        {
            // Collect the previous pass's engine now, outside the timed loop, rather than during the next one.
            System.gc();
            try (EngineRun run = new EngineRun(workload, bookType, null))
            {
                run.prefill();
                if (report != null)
                {
                    report.beforePass(elapsed, commands);
                }
                final long allocatedBefore = ThreadAllocation.currentThreadBytes();
                final long start = System.nanoTime();
                final int end = run.measure(
                    workload.prefillCount, workload.size, histogram, start + budgetNanos - elapsed, report);
                elapsed += System.nanoTime() - start;
                allocated += ThreadAllocation.currentThreadBytes() - allocatedBefore;
                commands += end - workload.prefillCount;
                passes++;
                rejects += run.listener().rejects();
                if (end == workload.size)
                {
                    completePasses++;
                    if (run.engine().tradeCount() != generated.expectedTrades ||
                        run.engine().tradedQuantity() != generated.expectedTradedQuantity ||
                        run.engine().restingOrderCount() != generated.expectedRestingAtEnd)
                    {
                        wrongPasses++;
                        out.println(String.format(Locale.ROOT,
                            "  ! pass %d ended with %d trades, qty %d, %d resting; the reference book: %d, %d, %d",
                            passes, run.engine().tradeCount(), run.engine().tradedQuantity(),
                            run.engine().restingOrderCount(), generated.expectedTrades,
                            generated.expectedTradedQuantity, generated.expectedRestingAtEnd));
                    }
                }
                if (run.listener().firstReject() != null)
                {
                    out.println("  ! pass " + passes + ": " + run.listener().rejects() + " rejects, first: " +
                        run.listener().firstReject());
                }
            }
        }
        return new Summary(
            Math.round(commands * 1e9 / elapsed),
            histogram.getValueAtPercentile(50),
            histogram.getValueAtPercentile(99),
            histogram.getValueAtPercentile(99.9),
            commands,
            elapsed,
            passes,
            completePasses,
            wrongPasses,
            rejects,
            allocated);
    }

    /** One line per second of measured time: that second's throughput and the latency so far. */
    private final class SecondReport implements EngineRun.Progress
    {
        private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

        private final Histogram histogram;
        private long elapsedBeforePass;
        private long commandsBeforePass;
        private long passStart;
        private long nextMark = SECOND;
        private long lastElapsed;
        private long lastCommands;

        SecondReport(final Histogram histogram)
        {
            this.histogram = histogram;
        }

        void beforePass(final long elapsedBefore, final long commandsBefore)
        {
            elapsedBeforePass = elapsedBefore;
            commandsBeforePass = commandsBefore;
        }

        @Override
        public long start(final long nowNanos)
        {
            passStart = nowNanos;
            return nowNanos + nextMark - elapsedBeforePass;
        }

        @Override
        public long onProgress(final long nowNanos, final long commandsDone)
        {
            final long elapsed = elapsedBeforePass + nowNanos - passStart;
            final long commands = commandsBeforePass + commandsDone;
            final double opsPerSecond = (commands - lastCommands) * 1e9 / (elapsed - lastElapsed);
            out.println(String.format(Locale.ROOT, "[%4d s] %s ops/s   so far: p50 %s ns  p99 %s ns  p99.9 %s ns",
                elapsed / SECOND, Figures.millions(opsPerSecond),
                Figures.count(histogram.getValueAtPercentile(50)),
                Figures.count(histogram.getValueAtPercentile(99)),
                Figures.count(histogram.getValueAtPercentile(99.9))));
            lastElapsed = elapsed;
            lastCommands = commands;
            while (nextMark <= elapsed)
            {
                nextMark += SECOND;
            }
            return passStart + nextMark - elapsedBeforePass;
        }
    }
}
