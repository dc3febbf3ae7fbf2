package io.bourse.exchange.bench.jmh;

import io.bourse.codecs.types.OrdType;
import io.bourse.codecs.types.Side;
import io.bourse.codecs.types.TimeInForce;
import io.bourse.exchange.bench.BenchInstruments;
import io.bourse.exchange.engine.BookType;
import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.CommandType;
import io.bourse.exchange.engine.EngineListener;
import io.bourse.exchange.engine.MatchingEngine;
import io.bourse.exchange.engine.OrderView;
import io.bourse.exchange.engine.RejectReason;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Single engine operations on a book of 10,000 resting orders (bids 97.50-99.99, asks 100.01-102.50), each
 * benchmark leaving the book as it found it so the steady state is measured, allocation included
 * ({@code -prof gc}: {@code gc.alloc.rate.norm} should be about 0 B/op).
 *
 * <p>Commands go straight into {@link MatchingEngine#process}; the listener only keeps the last OrderID and counts
 * trades and refusals, and the tear-down fails the run if an operation did not do what it claims.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgs = {
    "-Xms1g", "-Xmx1g", "-XX:+UseParallelGC", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
@State(Scope.Thread)
public class EngineOperationsBenchmark
{
    private static final int INSTRUMENT = 1;
    private static final int PREFILL = 10_000;
    private static final int PREFILL_LEVELS = 250;
    private static final int SESSION = 1;
    private static final long TICK = BenchInstruments.TICK;
    private static final long MID = BenchInstruments.REFERENCE_PRICE;
    /** Inside the prefilled bids: the added order joins the back of an existing queue. */
    private static final long PASSIVE_PRICE = MID - 10 * TICK;
    /** The empty price between the best bid and the best ask. */
    private static final long CROSS_PRICE = MID;
    private static final long REPLACE_PRICE = MID - 5 * TICK;
    private static final long REPLACE_START_QUANTITY = 1L << 40;
    private static final long ADD_CL_ORD_ID = 1;
    private static final long CANCEL_CL_ORD_ID = 2;
    private static final long RESTING_CL_ORD_ID = 3;
    private static final long AGGRESSOR_CL_ORD_ID = 4;
    private static final long REPLACE_CL_ORD_ID_A = 5;
    private static final long REPLACE_CL_ORD_ID_B = 6;
    private static final long PREFILL_CL_ORD_ID_BASE = 1_000;

    private final Command command = new Command();
    private final CountingListener listener = new CountingListener();
    private MatchingEngine engine;
    private long timestamp;
    private long replaceOrderId;
    private long replaceQuantity;
    private boolean replaceToB;
    private long tradesAtStart;

    @Setup(Level.Trial)
    public void prefill()
    {
        engine = new MatchingEngine(BenchInstruments.specs(1), listener, BookType.FAST);
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < PREFILL; i++)
        {
            final Side side = (i & 1) == 0 ? Side.BUY : Side.SELL;
            final long offset = (1 + random.nextInt(PREFILL_LEVELS)) * TICK;
            newOrder(2 + random.nextInt(1_000), PREFILL_CL_ORD_ID_BASE + i, side, TimeInForce.GTC,
                side == Side.BUY ? MID - offset : MID + offset, 1 + random.nextInt(100));
        }
        newOrder(SESSION, REPLACE_CL_ORD_ID_A, Side.BUY, TimeInForce.GTC, REPLACE_PRICE, REPLACE_START_QUANTITY);
        replaceOrderId = listener.lastAcceptedOrderId;
        replaceQuantity = REPLACE_START_QUANTITY;
        replaceToB = true;
        tradesAtStart = engine.tradeCount();
        if (listener.rejects != 0 || engine.restingOrderCount() != PREFILL + 1)
        {
            throw new IllegalStateException("prefill went wrong: " + listener.rejects + " rejects, " +
                engine.restingOrderCount() + " resting");
        }
    }

    /** (a) A passive limit order joins the back of a level, then is cancelled: two commands. */
    @Benchmark
    public long addAndCancelPassive()
    {
        newOrder(SESSION, ADD_CL_ORD_ID, Side.BUY, TimeInForce.GTC, PASSIVE_PRICE, 10);
        command.reset(CommandType.CANCEL)
            .timestamp(++timestamp)
            .sessionId(SESSION)
            .instrumentId(INSTRUMENT)
            .orderId(listener.lastAcceptedOrderId)
            .clOrdId(CANCEL_CL_ORD_ID)
            .side(Side.BUY);
        return engine.process(command);
    }

    /**
     * (b) A buy rests alone at a new best price, then an IOC sell takes exactly it: one trade, the level comes and
     * goes. Two commands.
     */
    @Benchmark
    public long aggressiveFillOfOneOrder()
    {
        newOrder(SESSION, RESTING_CL_ORD_ID, Side.BUY, TimeInForce.GTC, CROSS_PRICE, 10);
        return newOrder(SESSION, AGGRESSOR_CL_ORD_ID, Side.SELL, TimeInForce.IOC, CROSS_PRICE, 10);
    }

    /** (c) A replace to one lot less at the same price, which keeps time priority. One command. */
    @Benchmark
    public long replaceKeepingPriority()
    {
        replaceQuantity--;
        // The new ClOrdID must not be live in the session, and the order's current one is: alternate two.
        final long clOrdId = replaceToB ? REPLACE_CL_ORD_ID_B : REPLACE_CL_ORD_ID_A;
        replaceToB = !replaceToB;
        command.reset(CommandType.REPLACE)
            .timestamp(++timestamp)
            .sessionId(SESSION)
            .instrumentId(INSTRUMENT)
            .orderId(replaceOrderId)
            .clOrdId(clOrdId)
            .side(Side.BUY)
            .ordType(OrdType.LIMIT)
            .timeInForce(TimeInForce.GTC)
            .quantity(replaceQuantity)
            .price(REPLACE_PRICE);
        return engine.process(command);
    }

    @TearDown(Level.Trial)
    public void check()
    {
        if (listener.rejects != 0)
        {
            throw new IllegalStateException(
                listener.rejects + " commands were refused, first: " + listener.firstReject);
        }
        if (engine.restingOrderCount() != PREFILL + 1)
        {
            throw new IllegalStateException("the book did not return to its prefill: " + engine.restingOrderCount());
        }
        if (engine.tradeCount() - tradesAtStart != listener.fillsOfCrossPrice)
        {
            throw new IllegalStateException("trades other than the aggressive fills happened");
        }
    }

    private long newOrder(
        final int session,
        final long clOrdId,
        final Side side,
        final TimeInForce timeInForce,
        final long price,
        final long quantity)
    {
        command.reset(CommandType.NEW_ORDER)
            .timestamp(++timestamp)
            .sessionId(session)
            .instrumentId(INSTRUMENT)
            .clOrdId(clOrdId)
            .side(side)
            .ordType(OrdType.LIMIT)
            .timeInForce(timeInForce)
            .quantity(quantity)
            .price(price);
        return engine.process(command);
    }

    private static final class CountingListener implements EngineListener
    {
        long lastAcceptedOrderId;
        long rejects;
        long fillsOfCrossPrice;
        String firstReject;

        @Override
        public void onOrderAccepted(final OrderView order)
        {
            lastAcceptedOrderId = order.orderId();
        }

        @Override
        public void onTrade(
            final int instrumentId,
            final long tradeId,
            final long price,
            final long quantity,
            final long buyOrderId,
            final long sellOrderId,
            final Side aggressorSide,
            final boolean auction)
        {
            if (price == CROSS_PRICE && quantity == 10)
            {
                fillsOfCrossPrice++;
            }
        }

        @Override
        public void onOrderRejected(final Command command, final RejectReason reason)
        {
            reject(command, reason);
        }

        @Override
        public void onCancelRejected(final Command command, final RejectReason reason)
        {
            reject(command, reason);
        }

        private void reject(final Command command, final RejectReason reason)
        {
            if (rejects++ == 0)
            {
                firstReject = reason + " for " + command;
            }
        }
    }
}
