package io.bourse.exchange.bench;

import io.bourse.codecs.types.OrdType;
import io.bourse.codecs.types.Side;
import io.bourse.codecs.types.TimeInForce;
import io.bourse.exchange.engine.BookType;
import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.CommandType;
import io.bourse.exchange.engine.InstrumentSpec;
import io.bourse.exchange.engine.MatchingEngine;
import io.bourse.exchange.engine.TradingPhase;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One pass of a {@link Workload} through a fresh engine on the calling thread: the prefill untimed, then the
 * measured commands with {@code System.nanoTime()} around each {@code process} call.
 *
 * <p>The timed loop only copies a workload slot into the reused {@link Command}, calls the engine and records
 * the latency: everything else (parsing, prices, replace quantities, ClOrdIDs) was computed when the workload was
 * built. The latency is service time, closed loop: the next command starts when the previous one returns, so there
 * is no queueing to correct for (no coordinated omission in the open-loop sense).
 */
final class EngineRun implements AutoCloseable
{
    /** Commands are stamped from a fixed instant so that runs are identical; the engine never reads a clock. */
    static final long TIMESTAMP_BASE = 1_700_000_000_000_000_000L;
    /** Longer latencies are recorded as this (a GC pause of 10 s would be the story, not the histogram). */
    static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Called from the timed loop at most once per report interval, outside the timed bracket. */
    interface Progress
    {
        /** The timed loop starts at {@code nowNanos}; returns the nanoTime of the first report. */
        long start(long nowNanos);

        /** {@code commandsDone} counts from the start of this loop; returns the nanoTime of the next report. */
        long onProgress(long nowNanos, long commandsDone);
    }

    private final Workload workload;
    private final BenchListener listener;
    private final CommandProcessor processor;
    private final MatchingEngine engine;
    private final Command command = new Command();

    /**
     * @param journalParent null for the bare engine; otherwise the engine journals into a new directory there,
     *                      deleted when the run is closed
     */
    EngineRun(final Workload workload, final BookType bookType, final Path journalParent)
    {
        this(workload, bookType, journalParent, new BenchListener(workload.maxOrderRef()));
    }

    EngineRun(
        final Workload workload, final BookType bookType, final Path journalParent, final BenchListener listener)
    {
        this.workload = workload;
        this.listener = listener;
        final List<InstrumentSpec> instruments = BenchInstruments.specs(workload.instrumentCount);
        processor = journalParent == null ? CommandProcessor.bare(instruments, listener, bookType) :
            CommandProcessor.journaled(journalParent, instruments, listener, bookType);
        engine = processor.engine();
        openContinuousTrading();
    }

    private void openContinuousTrading()
    {
        for (int id = 1; id <= workload.instrumentCount; id++)
        {
            if (engine.phase(id) != TradingPhase.CONTINUOUS)
            {
                command.reset(CommandType.SET_PHASE).timestamp(TIMESTAMP_BASE).instrumentId(id)
                    .phase(TradingPhase.CONTINUOUS);
                processor.process(command);
            }
        }
    }

    MatchingEngine engine()
    {
        return engine;
    }

    BenchListener listener()
    {
        return listener;
    }

    /** Runs commands [from, to) untimed, through the same path as the measured ones. */
    void runUntimed(final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            fill(i);
            processor.process(command);
        }
    }

    void prefill()
    {
        runUntimed(0, workload.prefillCount);
    }

    /**
     * Runs commands [from, to), each one timed into {@code histogram}, stopping early once {@code deadlineNanos}
     * has passed.
     *
     * @return the index of the first command not run
     */
    int measure(
        final int from, final int to, final Histogram histogram, final long deadlineNanos, final Progress progress)
    {
        final Command command = this.command;
        final CommandProcessor processor = this.processor;
        long nextReportAt = progress == null ? Long.MAX_VALUE : progress.start(System.nanoTime());
        long checkAt = Math.min(deadlineNanos, nextReportAt);
        int i = from;
        while (i < to)
        {
            fill(i);
            final long start = System.nanoTime();
            processor.process(command);
            final long end = System.nanoTime();
            histogram.recordValue(Math.min(end - start, HIGHEST_TRACKABLE_NANOS));
            i++;
            if (end >= checkAt)
            {
                if (end >= deadlineNanos)
                {
                    break;
                }
                nextReportAt = progress.onProgress(end, i - from);
                checkAt = Math.min(deadlineNanos, nextReportAt);
            }
        }
        return i;
    }

    /**
     * Runs the prefill, then every measured command with no clock read per command, and returns how long the
     * measured commands took: the throughput figure, free of the two {@code nanoTime} calls the latency pass adds.
     */
    long runThroughputPass()
    {
        prefill();
        final long start = System.nanoTime();
        runUntimed(workload.prefillCount, workload.size);
        return System.nanoTime() - start;
    }

    /** Runs the prefill, then every measured command timed one by one; returns the run's figures. */
    RunResult runAll(final Histogram histogram)
    {
        prefill();
        final long allocatedBefore = ThreadAllocation.currentThreadBytes();
        final long start = System.nanoTime();
        final int end = measure(workload.prefillCount, workload.size, histogram, Long.MAX_VALUE, null);
        final long elapsed = System.nanoTime() - start;
        final long allocated = ThreadAllocation.currentThreadBytes() - allocatedBefore;
        return result(end - workload.prefillCount, elapsed, allocated, histogram);
    }

    RunResult result(
        final long measuredCommands, final long elapsedNanos, final long allocatedBytes, final Histogram histogram)
    {
        return new RunResult(
            measuredCommands,
            elapsedNanos,
            allocatedBytes,
            histogram.getValueAtPercentile(50),
            histogram.getValueAtPercentile(99),
            histogram.getValueAtPercentile(99.9),
            histogram.getMaxValue(),
            engine.tradeCount(),
            engine.tradedQuantity(),
            engine.restingOrderCount(),
            listener.rejects(),
            listener.firstReject());
    }

    private void fill(final int i)
    {
        final Workload w = workload;
        final int ref = w.orderRef[i];
        final Command command = this.command;
        switch (w.kind[i])
        {
            case Workload.NEW_LIMIT:
                listener.currentRef(ref);
                newOrder(i).ordType(OrdType.LIMIT).timeInForce(TimeInForce.GTC).price(w.price[i]);
                break;
            case Workload.NEW_LIMIT_IOC:
                listener.currentRef(ref);
                newOrder(i).ordType(OrdType.LIMIT).timeInForce(TimeInForce.IOC).price(w.price[i]);
                break;
            case Workload.NEW_MARKET:
                listener.currentRef(ref);
                newOrder(i).ordType(OrdType.MARKET).timeInForce(TimeInForce.IOC);
                break;
            case Workload.CANCEL:
                command.reset(CommandType.CANCEL)
                    .timestamp(TIMESTAMP_BASE + i)
                    .sessionId(w.sessionId[i])
                    .instrumentId(w.instrumentId[i])
                    .orderId(listener.engineOrderId(ref))
                    .clOrdId(w.clOrdId[i])
                    .side(side(w.side[i]));
                break;
            case Workload.REPLACE:
                listener.currentRef(ref);
                command.reset(CommandType.REPLACE)
                    .timestamp(TIMESTAMP_BASE + i)
                    .sessionId(w.sessionId[i])
                    .instrumentId(w.instrumentId[i])
                    .orderId(listener.engineOrderId(ref))
                    .clOrdId(w.clOrdId[i])
                    .side(side(w.side[i]))
                    .ordType(OrdType.LIMIT)
                    .timeInForce(TimeInForce.GTC)
                    .quantity(w.quantity[i])
                    .price(w.price[i]);
                break;
            default:
                throw new IllegalStateException("unknown command kind " + w.kind[i] + " at " + i);
        }
    }

    private Command newOrder(final int i)
    {
        final Workload w = workload;
        return command.reset(CommandType.NEW_ORDER)
            .timestamp(TIMESTAMP_BASE + i)
            .sessionId(w.sessionId[i])
            .instrumentId(w.instrumentId[i])
            .clOrdId(w.clOrdId[i])
            .side(side(w.side[i]))
            .quantity(w.quantity[i]);
    }

    private static Side side(final byte side)
    {
        return side == Workload.BUY ? Side.BUY : Side.SELL;
    }

    @Override
    public void close()
    {
        processor.close();
    }
}
