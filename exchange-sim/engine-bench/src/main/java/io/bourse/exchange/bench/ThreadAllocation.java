package io.bourse.exchange.bench;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by the calling thread so far (HotSpot's per-thread TLAB accounting), read around a timed loop to
 * show that the engine's steady state allocates nothing without running a profiler. -1 where the JVM cannot say.
 */
final class ThreadAllocation
{
    private static final com.sun.management.ThreadMXBean THREADS =
        ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean &&
            bean.isThreadAllocatedMemorySupported() ? bean : null;

    private ThreadAllocation()
    {
    }

    static long currentThreadBytes()
    {
        return THREADS == null ? -1 : THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
