package io.bourse.exchange.fixbench;

import org.HdrHistogram.SingleWriterRecorder;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the client thread publishes while it runs, for the thread that prints progress: counters, and latencies in
 * HdrHistogram recorders (the client records, the reporter takes an interval histogram each second without stopping
 * it). Warm-up and measured orders go to separate recorders, so the measured histogram holds measured orders only.
 */
final class LoadMonitor
{
    /** Anything slower is recorded as this: a venue that answers after a minute has failed anyway. */
    static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);
    static final int SIGNIFICANT_DIGITS = 3;

    final SingleWriterRecorder warmupLatency = newRecorder();
    final SingleWriterRecorder measuredLatency = newRecorder();
    /** Open loop only: how late after its intended time each measured order was handed to the socket. */
    final SingleWriterRecorder sendLag = newRecorder();

    final AtomicLong sent = new AtomicLong();
    final AtomicLong acked = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();

    private final CountDownLatch started = new CountDownLatch(1);
    private volatile long startNanos;
    private volatile long measureStartNanos;
    private volatile long endNanos;

    void started(final long startNanos, final long measureStartNanos, final long endNanos)
    {
        this.startNanos = startNanos;
        this.measureStartNanos = measureStartNanos;
        this.endNanos = endNanos;
        started.countDown();
    }

    /** Waits until the client has fixed its schedule; false if it did not within the timeout. */
    boolean awaitStart(final long timeoutMillis) throws InterruptedException
    {
        return started.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    long startNanos()
    {
        return startNanos;
    }

    long measureStartNanos()
    {
        return measureStartNanos;
    }

    long endNanos()
    {
        return endNanos;
    }

    static void record(final SingleWriterRecorder recorder, final long nanos)
    {
        recorder.recordValue(Math.min(Math.max(nanos, 0), HIGHEST_TRACKABLE_NANOS));
    }

    private static SingleWriterRecorder newRecorder()
    {
        return new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }
}
