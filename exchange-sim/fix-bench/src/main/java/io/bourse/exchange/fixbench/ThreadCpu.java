package io.bourse.exchange.fixbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time per thread of a process, from {@code /proc/<pid>/task/<tid>/stat}: what {@code top -H} shows, taken at
 * the start and the end of the measured window so the report says which threads were busy. Where the kernel keeps
 * scheduler statistics ({@code schedstat}) it also says how long each thread was ready to run but waited for a
 * vCPU: on two vCPUs that wait, not the work, is what a latency tail is made of. Off the hot path; on a system
 * without {@code /proc} the samples are empty and nothing is reported.
 */
final class ThreadCpu
{
    /** USER_HZ: the unit of utime and stime in /proc, 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;
    private static final int UTIME_AFTER_COMM = 11;
    private static final int STIME_AFTER_COMM = 12;

    /**
     * One thread's name (as the kernel keeps it: at most 15 characters), its CPU time so far in ticks, and how long
     * it has waited on a run queue so far, in ns (-1 without schedstat).
     */
    record ThreadTicks(String name, long ticks, long runQueueWaitNanos)
    {
    }

    record Sample(long pid, long nanoTime, Map<Long, ThreadTicks> threads)
    {
    }

    /**
     * A thread's share of one vCPU over the interval between two samples (100 means a whole vCPU), and the share of
     * the interval it spent ready to run without a vCPU (NaN if unknown).
     */
    record Usage(String name, double percent, double waitPercent)
    {
    }

    private ThreadCpu()
    {
    }

    static Sample sample(final long pid)
    {
        final long now = System.nanoTime();
        final Map<Long, ThreadTicks> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task")))
        {
            for (final Path task : tasks.toList())
            {
                final ThreadTicks ticks = read(task.resolve("stat"), task.resolve("schedstat"));
                if (ticks != null)
                {
                    threads.put(Long.parseLong(task.getFileName().toString()), ticks);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // No /proc (or the process has gone): report nothing rather than fail the benchmark.
        }
        return new Sample(pid, now, threads);
    }

    /** Threads that used at least {@code minPercent} of a vCPU between the samples, busiest first. */
    static List<Usage> usage(final Sample before, final Sample after, final double minPercent)
    {
        final double seconds = (after.nanoTime() - before.nanoTime()) / 1e9;
        final List<Usage> usage = new ArrayList<>();
        if (seconds <= 0)
        {
            return usage;
        }
        for (final Map.Entry<Long, ThreadTicks> entry : after.threads().entrySet())
        {
            final ThreadTicks start = before.threads().get(entry.getKey());
            final long ticks = entry.getValue().ticks() - (start == null ? 0 : start.ticks());
            final double percent = 100 * ticks / TICKS_PER_SECOND / seconds;
            final long waitAfter = entry.getValue().runQueueWaitNanos();
            final long waitBefore = start == null ? 0 : start.runQueueWaitNanos();
            final double waitPercent = waitAfter < 0 || waitBefore < 0 ? Double.NaN :
                100 * (waitAfter - waitBefore) / 1e9 / seconds;
            if (percent >= minPercent)
            {
                usage.add(new Usage(entry.getValue().name(), percent, waitPercent));
            }
        }
        usage.sort(Comparator.comparingDouble(Usage::percent).reversed());
        return usage;
    }

    static String describe(final List<Usage> usage)
    {
        if (usage.isEmpty())
        {
            return "(none above 1%, or no /proc)";
        }
        final StringBuilder text = new StringBuilder();
        for (final Usage thread : usage)
        {
            if (text.length() > 0)
            {
                text.append(", ");
            }
            text.append(String.format(Locale.ROOT, "%s %.0f%%", thread.name(), thread.percent()));
            if (!Double.isNaN(thread.waitPercent()))
            {
                text.append(String.format(Locale.ROOT, " (waited %.1f%%)", thread.waitPercent()));
            }
        }
        return text.toString();
    }

    private static ThreadTicks read(final Path stat, final Path schedstat)
    {
        final String line;
        try
        {
            line = Files.readString(stat).trim();
        }
        catch (final IOException ex)
        {
            // The thread ended between the listing and the read (ENOENT or ESRCH): it is simply not in the sample.
            return null;
        }
        // "tid (comm) state ..." where comm may itself hold spaces and parentheses: it ends at the last ')'.
        final int open = line.indexOf('(');
        final int close = line.lastIndexOf(')');
        if (open < 0 || close < open)
        {
            return null;
        }
        final String[] rest = line.substring(close + 2).split(" ");
        if (rest.length <= STIME_AFTER_COMM)
        {
            return null;
        }
        final long ticks = Long.parseLong(rest[UTIME_AFTER_COMM]) + Long.parseLong(rest[STIME_AFTER_COMM]);
        return new ThreadTicks(line.substring(open + 1, close), ticks, runQueueWaitNanos(schedstat));
    }

    /** schedstat is "cpu_ns wait_ns timeslices"; -1 where the kernel does not keep it. */
    private static long runQueueWaitNanos(final Path schedstat)
    {
        try
        {
            return runQueueWaitNanos(Files.readString(schedstat));
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    /** The second field of a schedstat line: nanoseconds spent ready to run without a CPU; -1 if unreadable. */
    static long runQueueWaitNanos(final String schedstat)
    {
        final String[] fields = schedstat.trim().split(" ");
        if (fields.length < 3)
        {
            return -1;
        }
        try
        {
            return Long.parseLong(fields[1]);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }
}
