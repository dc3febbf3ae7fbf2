package io.bourse.exchange.fixbench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ThreadCpuTest
{
    private static final String BUSY_THREAD = "cpu-test-busy";

    @Test
    void reportsABusyThreadWithItsRunQueueWait() throws InterruptedException
    {
        final long pid = ProcessHandle.current().pid();
        assumeTrue(Files.isDirectory(Path.of("/proc", Long.toString(pid), "task")), "needs Linux /proc");

        final ThreadCpu.Sample before = ThreadCpu.sample(pid);
        final CountDownLatch spunLongEnough = new CountDownLatch(1);
        final AtomicBoolean stop = new AtomicBoolean();
        final Thread busy = new Thread(() -> spin(spunLongEnough, stop), BUSY_THREAD);
        busy.start();
        final ThreadCpu.Sample after;
        try
        {
            assertTrue(spunLongEnough.await(10, TimeUnit.SECONDS), "the busy thread did not get to spin");
            after = ThreadCpu.sample(pid);
        }
        finally
        {
            stop.set(true);
            busy.join();
        }

        // The busy thread started after the first sample and is still there at the second: all its CPU time counts.
        final List<ThreadCpu.Usage> usage = ThreadCpu.usage(before, after, 0);
        final ThreadCpu.Usage thread = usage.stream().filter(u -> u.name().equals(BUSY_THREAD)).findFirst()
            .orElseThrow(() -> new AssertionError("no " + BUSY_THREAD + " in " + usage));
        assertTrue(thread.percent() > 0, "CPU share " + thread.percent());
        if (Files.exists(Path.of("/proc/thread-self/schedstat")))
        {
            assertFalse(Double.isNaN(thread.waitPercent()), "schedstat is there, so the wait is known");
            assertTrue(thread.waitPercent() >= 0 && thread.waitPercent() <= 100, "wait " + thread.waitPercent());
            assertTrue(ThreadCpu.describe(List.of(thread)).contains("(waited "), ThreadCpu.describe(List.of(thread)));
        }
        assertEquals(usage.stream().sorted((a, b) -> Double.compare(b.percent(), a.percent())).toList(), usage,
            "busiest first");
    }

    @Test
    void runQueueWaitIsTheSecondFieldOfSchedstat()
    {
        assertEquals(17683169, ThreadCpu.runQueueWaitNanos("242809589 17683169 492\n"));
        assertEquals(-1, ThreadCpu.runQueueWaitNanos("242809589"));
        assertEquals(-1, ThreadCpu.runQueueWaitNanos("a b c"));
    }

    /** Spins until stopped, saying when it has spun for 300 ms: enough for the kernel's 10 ms CPU ticks. */
    private static void spin(final CountDownLatch spunLongEnough, final AtomicBoolean stop)
    {
        final long enough = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        while (!stop.get())
        {
            if (System.nanoTime() >= enough)
            {
                spunLongEnough.countDown();
            }
            Thread.onSpinWait();
        }
    }
}
