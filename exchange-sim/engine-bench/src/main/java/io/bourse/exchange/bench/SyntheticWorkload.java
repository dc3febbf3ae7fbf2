package io.bourse.exchange.bench;

import io.bourse.codecs.types.Price;
import io.bourse.codecs.types.Side;
import io.bourse.exchange.engine.BookType;
import io.bourse.exchange.engine.CancelReason;
import io.bourse.exchange.engine.MatchingEngine;
import io.bourse.exchange.engine.OrderView;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded mixed order flow over several instruments, in the spirit of exchange-core's test generator: a prefilled
 * book per instrument, then about 50 % new limit orders around the touch (some crossing), 30 % cancels, 15 %
 * replaces (half move the price and lose priority, half reduce the quantity and keep it) and 5 % immediate orders
 * (IOC limits through the touch and market orders). Each book stays near its prefill size (see
 * {@link #CROSSING_PERCENT}).
 *
 * <p>Cancels and replaces must name orders that really rest at that moment, so the stream is generated against a
 * live engine with the {@link BookType#REFERENCE} book: each command is written, then replayed through the same
 * code path as the benchmark, and the next command is drawn from the resulting book. The figures that engine
 * produced are the expected figures of every later replay, which makes each benchmark pass a correctness check of
 * the fast book as well.
 */
public final class SyntheticWorkload
{
    static final int SESSIONS = 1_000;
    /** Prefill prices lie 1..this many ticks from the reference price. */
    static final int PREFILL_LEVELS = 250;
    static final int MAX_LIMIT_QTY = 100;
    static final int MAX_IMMEDIATE_QTY = 200;
    /**
     * Share of new limit orders priced through the opposite touch while the instrument's book holds at least its
     * prefill; below that every new limit order is passive. Without this feedback the book drains or swells
     * within a million commands, however the shares are tuned, since fills take about as much as orders add.
     */
    static final int CROSSING_PERCENT = 12;
    /** Passive orders land up to this many ticks behind their own touch, most of them near it. */
    static final int PASSIVE_DEPTH_TICKS = 24;
    static final int MAX_CROSS_TICKS = 3;
    static final int MAX_MOVE_TICKS = 8;
    static final int IOC_THROUGH_TICKS = 10;
    /** Prices stay well inside the 90 % bands, whatever the walk of the book. */
    static final long MIN_PRICE = BenchInstruments.REFERENCE_PRICE / 5;
    static final long MAX_PRICE = BenchInstruments.REFERENCE_PRICE * 9 / 5;

    public final Workload workload;
    /** What the reference book produced on this stream. */
    public final long expectedTrades;
    public final long expectedTradedQuantity;
    public final int expectedRestingAtEnd;

    private SyntheticWorkload(final Workload workload, final MatchingEngine reference)
    {
        this.workload = workload;
        expectedTrades = reference.tradeCount();
        expectedTradedQuantity = reference.tradedQuantity();
        expectedRestingAtEnd = reference.restingOrderCount();
    }

    public static SyntheticWorkload generate(
        final int instruments, final int prefillPerInstrument, final int measured, final long seed)
    {
        if (instruments <= 0 || prefillPerInstrument < 0 || measured <= 0)
        {
            throw new IllegalArgumentException("need instruments > 0, prefill >= 0 and measured > 0");
        }
        final int prefill = Math.multiplyExact(instruments, prefillPerInstrument);
        final Workload workload = new Workload(Math.addExact(prefill, measured), prefill, instruments);
        final Generator generator = new Generator(workload, seed);
        try (EngineRun run = new EngineRun(workload, BookType.REFERENCE, null, generator.tracker))
        {
            generator.run = run;
            generator.engine = run.engine();
            generator.generate(prefillPerInstrument);
            if (run.listener().rejects() != 0)
            {
                throw new IllegalStateException("the generated stream was refused " + run.listener().rejects() +
                    " times, first: " + run.listener().firstReject());
            }
            return new SyntheticWorkload(workload, run.engine());
        }
    }

    private static final class Generator
    {
        private final Workload workload;
        private final SplittableRandom random;
        private final LiveOrders tracker;
        private EngineRun run;
        private MatchingEngine engine;
        private int next;
        private int nextRef = 1;
        private int targetDepth;

        Generator(final Workload workload, final long seed)
        {
            this.workload = workload;
            random = new SplittableRandom(seed);
            tracker = new LiveOrders(workload.size, workload.instrumentCount);
        }

        void generate(final int prefillPerInstrument)
        {
            targetDepth = prefillPerInstrument;
            for (int instrument = 1; instrument <= workload.instrumentCount; instrument++)
            {
                for (int i = 0; i < prefillPerInstrument; i++)
                {
                    final byte side = (i & 1) == 0 ? Workload.BUY : Workload.SELL;
                    final long offset = (1 + random.nextInt(PREFILL_LEVELS)) * BenchInstruments.TICK;
                    final long price = side == Workload.BUY ?
                        BenchInstruments.REFERENCE_PRICE - offset : BenchInstruments.REFERENCE_PRICE + offset;
                    newOrder(Workload.NEW_LIMIT, side, instrument, price, 1 + random.nextInt(MAX_LIMIT_QTY));
                }
            }
            while (next < workload.size)
            {
                final int draw = random.nextInt(100);
                if (draw < 50 || tracker.isEmpty())
                {
                    newLimit();
                }
                else if (draw < 80)
                {
                    cancel(tracker.pick(random));
                }
                else if (draw < 95)
                {
                    replace(tracker.pick(random));
                }
                else
                {
                    immediate();
                }
            }
        }

        private void newLimit()
        {
            final int instrument = 1 + random.nextInt(workload.instrumentCount);
            final byte side = random.nextBoolean() ? Workload.BUY : Workload.SELL;
            final long bid = bidOrDefault(instrument);
            final long ask = askOrDefault(instrument);
            final long tick = BenchInstruments.TICK;
            final long price;
            final boolean crossing = random.nextInt(100) < CROSSING_PERCENT;
            if (crossing && tracker.liveCount(instrument) >= targetDepth)
            {
                final long through = random.nextInt(MAX_CROSS_TICKS + 1) * tick;
                price = side == Workload.BUY ? ask + through : bid - through;
            }
            else
            {
                // Squaring a uniform draw puts most orders at or near the touch and a thinning tail behind it.
                final double u = random.nextDouble();
                final long depth = (long)(u * u * PASSIVE_DEPTH_TICKS) * tick;
                price = side == Workload.BUY ? Math.min(bid + tick - depth, ask - tick) :
                    Math.max(ask - tick + depth, bid + tick);
            }
            newOrder(Workload.NEW_LIMIT, side, instrument, clamp(price), 1 + random.nextInt(MAX_LIMIT_QTY));
        }

        private void immediate()
        {
            final int instrument = 1 + random.nextInt(workload.instrumentCount);
            final byte side = random.nextBoolean() ? Workload.BUY : Workload.SELL;
            final long quantity = 1 + random.nextInt(MAX_IMMEDIATE_QTY);
            if (random.nextBoolean())
            {
                final long through = random.nextInt(IOC_THROUGH_TICKS + 1) * BenchInstruments.TICK;
                final long price = side == Workload.BUY ?
                    askOrDefault(instrument) + through : bidOrDefault(instrument) - through;
                newOrder(Workload.NEW_LIMIT_IOC, side, instrument, clamp(price), quantity);
            }
            else
            {
                newOrder(Workload.NEW_MARKET, side, instrument, Price.NONE, quantity);
            }
        }

        private void newOrder(
            final byte kind, final byte side, final int instrument, final long price, final long quantity)
        {
            final int ref = nextRef++;
            final int session = 1 + random.nextInt(SESSIONS);
            final int index = append(kind, side, instrument, session, ref, price, quantity);
            run.runUntimed(index, index + 1);
            final long orderId = run.listener().engineOrderId(ref);
            if (orderId != 0 && engine.order(orderId) != null)
            {
                tracker.add(ref, instrument);
            }
        }

        private void cancel(final int ref)
        {
            final OrderView order = engine.order(run.listener().engineOrderId(ref));
            final int index = append(Workload.CANCEL, sideOf(order), order.instrumentId(), order.sessionId(), ref,
                Price.NONE, 0);
            run.runUntimed(index, index + 1);
        }

        private void replace(final int ref)
        {
            final OrderView order = engine.order(run.listener().engineOrderId(ref));
            final long price;
            final long quantity;
            if (random.nextBoolean() && order.leavesQty() > 1)
            {
                // Same price, smaller total: keeps time priority.
                price = order.price();
                quantity = order.quantity() - (1 + random.nextLong(order.leavesQty() - 1));
            }
            else
            {
                // New price, same total: back of the queue, and it trades at once if it now crosses.
                final long move = (1 + random.nextInt(MAX_MOVE_TICKS)) * BenchInstruments.TICK;
                price = clamp(random.nextBoolean() ? order.price() + move : order.price() - move);
                quantity = order.quantity();
            }
            final int index = append(Workload.REPLACE, sideOf(order), order.instrumentId(), order.sessionId(), ref,
                price, quantity);
            run.runUntimed(index, index + 1);
        }

        private int append(
            final byte kind,
            final byte side,
            final int instrument,
            final int session,
            final int ref,
            final long price,
            final long quantity)
        {
            final int index = next++;
            // Row numbers are unique, so every request gets a ClOrdID no live order of its session has.
            workload.set(index, kind, side, instrument, session, ref, price, quantity, index + 1L);
            return index;
        }

        private long bidOrDefault(final int instrument)
        {
            final long bid = engine.bestBid(instrument);
            return bid == Price.NONE ? bidFromAsk(instrument) : bid;
        }

        private long askOrDefault(final int instrument)
        {
            final long ask = engine.bestAsk(instrument);
            if (ask != Price.NONE)
            {
                return ask;
            }
            final long bid = engine.bestBid(instrument);
            return bid == Price.NONE ? BenchInstruments.REFERENCE_PRICE + BenchInstruments.TICK :
                bid + BenchInstruments.TICK;
        }

        private long bidFromAsk(final int instrument)
        {
            final long ask = engine.bestAsk(instrument);
            return ask == Price.NONE ? BenchInstruments.REFERENCE_PRICE - BenchInstruments.TICK :
                ask - BenchInstruments.TICK;
        }

        private static long clamp(final long price)
        {
            return Math.max(MIN_PRICE, Math.min(MAX_PRICE, price));
        }

        private static byte sideOf(final OrderView order)
        {
            return order.side() == Side.BUY ? Workload.BUY : Workload.SELL;
        }
    }

    /**
     * The workload references of the orders resting now, kept from the engine's events so a cancel or replace
     * can pick one uniformly in constant time.
     */
    private static final class LiveOrders extends BenchListener
    {
        private final int[] refs;
        /** Position + 1 of each reference in {@link #refs}; 0 when not live. */
        private final int[] slotByRef;
        private final int[] instrumentByRef;
        private final int[] countByInstrument;
        private int[] refByEngineId = new int[1024];
        private int count;

        LiveOrders(final int maxOrderRef, final int instruments)
        {
            super(maxOrderRef);
            refs = new int[maxOrderRef + 1];
            slotByRef = new int[maxOrderRef + 1];
            instrumentByRef = new int[maxOrderRef + 1];
            countByInstrument = new int[instruments + 1];
        }

        int liveCount(final int instrument)
        {
            return countByInstrument[instrument];
        }

        boolean isEmpty()
        {
            return count == 0;
        }

        int pick(final SplittableRandom random)
        {
            return refs[random.nextInt(count)];
        }

        void add(final int ref, final int instrument)
        {
            if (slotByRef[ref] == 0)
            {
                refs[count++] = ref;
                slotByRef[ref] = count;
                instrumentByRef[ref] = instrument;
                countByInstrument[instrument]++;
            }
        }

        private void remove(final int ref)
        {
            final int slot = slotByRef[ref];
            if (slot != 0)
            {
                final int last = refs[--count];
                refs[slot - 1] = last;
                slotByRef[last] = slot;
                slotByRef[ref] = 0;
                countByInstrument[instrumentByRef[ref]]--;
            }
        }

        private void remember(final long orderId)
        {
            if (orderId >= refByEngineId.length)
            {
                refByEngineId = Arrays.copyOf(refByEngineId, (int)Math.max(orderId + 1, refByEngineId.length * 2L));
            }
            refByEngineId[(int)orderId] = currentRef();
        }

        @Override
        public void onOrderAccepted(final OrderView order)
        {
            super.onOrderAccepted(order);
            remember(order.orderId());
        }

        @Override
        public void onOrderReplaced(final OrderView order)
        {
            super.onOrderReplaced(order);
            remember(order.orderId());
        }

        @Override
        public void onExecution(
            final OrderView order, final long tradeId, final long price, final long quantity, final boolean aggressor)
        {
            if (order.leavesQty() == 0)
            {
                remove(refByEngineId[(int)order.orderId()]);
            }
        }

        @Override
        public void onOrderCancelled(final OrderView order, final CancelReason reason, final long cancelledQty)
        {
            remove(refByEngineId[(int)order.orderId()]);
        }
    }
}
