package io.bourse.exchange.fixbench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of the load against one venue: logs the client on, runs it on its own thread ({@value #CLIENT_THREAD}),
 * prints a progress line once a second from the calling thread, samples per-thread CPU at the start and the end of
 * the measured window, then logs out and closes. Every thread it starts has ended when {@link #run} returns.
 */
final class LoadRunner
{
    static final String CLIENT_THREAD = "fix-bench-client";

    private static final long ONE_SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long LOGON_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long START_TIMEOUT_MS = 10_000;
    private static final double MIN_CPU_PERCENT_SHOWN = 1;
    /** The last CPU sample is taken this long before the measured window ends: the client thread is still there. */
    private static final long CPU_SAMPLE_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** A process whose threads' CPU is reported, and what to call it. */
    record Watched(String label, long pid)
    {
    }

    /**
     * What one run measured.
     *
     * @param latency measured acknowledgement latencies, ns
     * @param sendLag open loop: how late the client sent each measured order after its intended time, ns
     * @param cpu     per watched process: its busy threads over the measured window
     * @param failure why the run stopped early or could not start, or null
     */
    record Outcome(
        String venue,
        LoadPlan plan,
        LoadResult result,
        Histogram latency,
        Histogram sendLag,
        List<String> cpu,
        String failure)
    {
        boolean ok()
        {
            return failure == null && result != null && result.complete();
        }
    }

    private LoadRunner()
    {
    }

    static Outcome run(
        final String venue,
        final FixSessionSettings settings,
        final LoadPlan plan,
        final List<Watched> watched,
        final PrintStream out)
    {
        final Histogram latency = newHistogram();
        final Histogram sendLag = newHistogram();
        final List<String> cpu = new ArrayList<>();
        final OrderEntryClient client;
        try
        {
            client = OrderEntryClient.logOn(settings, LOGON_TIMEOUT_NANOS);
        }
        catch (final IOException | RuntimeException ex)
        {
            return new Outcome(venue, plan, null, latency, sendLag, cpu, "logon failed: " + ex.getMessage());
        }
        out.println(String.format(Locale.ROOT, "  logged on to %s as %s", settings.venue(), settings.senderCompId()));

        final LoadMonitor monitor = new LoadMonitor();
        final AtomicReference<LoadResult> result = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread clientThread = new Thread(() ->
        {
            try
            {
                result.set(client.run(plan, monitor));
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        }, CLIENT_THREAD);
        try
        {
            clientThread.start();
            if (monitor.awaitStart(START_TIMEOUT_MS))
            {
                report(venue, monitor, clientThread, latency, sendLag, watched, cpu, out);
            }
            clientThread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, ex);
            // The client thread spins without looking at interrupts: closing its socket ends it.
            closeQuietly(client);
            joinQuietly(clientThread);
        }
        finally
        {
            try
            {
                if (failure.get() == null)
                {
                    client.logOut();
                }
            }
            catch (final IOException ex)
            {
                out.println("  logout failed: " + ex.getMessage());
            }
            closeQuietly(client);
        }
        final Throwable error = failure.get();
        return new Outcome(venue, plan, result.get(), latency, sendLag, cpu,
            error == null ? null : error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    /** Progress once a second until the client thread ends, then the last intervals into the totals. */
    private static void report(
        final String venue,
        final LoadMonitor monitor,
        final Thread clientThread,
        final Histogram latency,
        final Histogram sendLag,
        final List<Watched> watched,
        final List<String> cpu,
        final PrintStream out) throws InterruptedException
    {
        // A first sample loads the sampling code's classes now, in the warm-up (with a warm-up at all): the one taken
        // as the measured window opens then costs the client's vCPU less.
        sample(watched);
        final long start = monitor.startNanos();
        final long measureStart = monitor.measureStartNanos();
        final long end = monitor.endNanos();
        final long cpuEnd = Math.max(measureStart, end - CPU_SAMPLE_MARGIN_NANOS);
        List<ThreadCpu.Sample> cpuBefore = null;
        List<ThreadCpu.Sample> cpuAfter = null;
        Histogram warmupInterval = null;
        Histogram measuredInterval = null;
        Histogram lagInterval = null;
        long nextTick = start + ONE_SECOND_NANOS;
        while (clientThread.isAlive())
        {
            long wake = nextTick;
            if (cpuBefore == null)
            {
                wake = Math.min(wake, measureStart);
            }
            else if (cpuAfter == null)
            {
                wake = Math.min(wake, cpuEnd);
            }
            final long waitNanos = wake - System.nanoTime();
            if (waitNanos > 0)
            {
                clientThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)));
            }
            final long now = System.nanoTime();
            if (cpuBefore == null && now >= measureStart)
            {
                cpuBefore = sample(watched);
            }
            if (cpuBefore != null && cpuAfter == null && now >= cpuEnd)
            {
                cpuAfter = sample(watched);
            }
            if (now >= nextTick)
            {
                warmupInterval = monitor.warmupLatency.getIntervalHistogram(warmupInterval);
                measuredInterval = monitor.measuredLatency.getIntervalHistogram(measuredInterval);
                lagInterval = monitor.sendLag.getIntervalHistogram(lagInterval);
                latency.add(measuredInterval);
                sendLag.add(lagInterval);
                // A line covers the second before it, and is named after the phase that second began in.
                final long secondStart = nextTick - ONE_SECOND_NANOS;
                progress(venue, (now - start) / 1e9,
                    secondStart < measureStart ? "warm-up" : secondStart < end ? "measure" : "drain",
                    monitor, secondStart < measureStart ? warmupInterval : measuredInterval, out);
                while (nextTick <= now)
                {
                    nextTick += ONE_SECOND_NANOS;
                }
            }
        }
        if (cpuBefore != null)
        {
            if (cpuAfter == null)
            {
                cpuAfter = sample(watched);
            }
            for (int i = 0; i < watched.size(); i++)
            {
                cpu.add(watched.get(i).label() + ": " + ThreadCpu.describe(
                    ThreadCpu.usage(cpuBefore.get(i), cpuAfter.get(i), MIN_CPU_PERCENT_SHOWN)));
            }
        }
        latency.add(monitor.measuredLatency.getIntervalHistogram(measuredInterval));
        sendLag.add(monitor.sendLag.getIntervalHistogram(lagInterval));
    }

    private static void progress(
        final String venue,
        final double elapsedSeconds,
        final String phase,
        final LoadMonitor monitor,
        final Histogram interval,
        final PrintStream out)
    {
        final long sent = monitor.sent.get();
        final long acked = monitor.acked.get();
        final long rejected = monitor.rejected.get();
        final String second = interval.getTotalCount() == 0 ? "no acks" : String.format(Locale.ROOT,
            "%,d acks  p50 %s  p99 %s  max %s us", interval.getTotalCount(),
            Report.micros(interval.getValueAtPercentile(50)), Report.micros(interval.getValueAtPercentile(99)),
            Report.micros(interval.getMaxValue()));
        out.println(String.format(Locale.ROOT, "  [%s] %4.0f s %-7s  sent %,11d  acked %,11d  in flight %,7d%s  | %s",
            venue, elapsedSeconds, phase, sent, acked, sent - acked - rejected,
            rejected == 0 ? "" : String.format(Locale.ROOT, "  REJECTED %,d", rejected), second));
    }

    private static List<ThreadCpu.Sample> sample(final List<Watched> watched)
    {
        final List<ThreadCpu.Sample> samples = new ArrayList<>();
        for (final Watched process : watched)
        {
            samples.add(ThreadCpu.sample(process.pid()));
        }
        return samples;
    }

    static Histogram newHistogram()
    {
        return new Histogram(1, LoadMonitor.HIGHEST_TRACKABLE_NANOS, LoadMonitor.SIGNIFICANT_DIGITS);
    }

    private static void closeQuietly(final OrderEntryClient client)
    {
        try
        {
            client.close();
        }
        catch (final IOException ignored)
        {
            // Already on the way out.
        }
    }

    private static void joinQuietly(final Thread thread)
    {
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
