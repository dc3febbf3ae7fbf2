package io.bourse.exchange.engine;

import io.bourse.codecs.types.OrdType;
import io.bourse.codecs.types.Price;
import io.bourse.codecs.types.Side;
import io.bourse.codecs.types.TimeInForce;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

import java.util.List;

/**
 * Random command streams for the property tests: two instruments (TEST and LOT of {@link EngineFixture}), three
 * sessions (S1 and S3 share a firm), new orders of every type and time in force around the reference price,
 * cancels and replaces aimed at live and dead orders, some invalid input, phase changes, halts, resumes, reference
 * price changes and timer ticks.
 *
 * <p>A stream is a list of {@link Step}s, plain values that print readably when jqwik reports a shrunk failing
 * stream. {@link Driver} turns each step into a {@link Command}; it derives everything that depends on what came
 * before (timestamps, order ids) from the steps alone, so the same stream always makes the same commands.
 */
final class CommandStreams
{
    static final List<InstrumentSpec> INSTRUMENTS = List.of(
        EngineFixture.INSTRUMENTS.get(0), EngineFixture.INSTRUMENTS.get(1));
    private static final int CLORDID_POOL = 25;

    private CommandStreams()
    {
    }

    sealed interface Step
    {
    }

    /** Prices are offsets in ticks from the instrument's initial reference price ({@code far}: in permille of the
     * static band, so beyond +/-1000 is outside it). */
    record Shape(Side side, OrdType ordType, TimeInForce tif, int lots, int priceOffset, boolean far, int stopTicks)
    {
    }

    record Extras(int minLots, int floorLots, int expireMs, boolean postOnly, SelfTradePrevention stp)
    {
    }

    enum Fault
    {
        NONE, ZERO_QUANTITY, NEGATIVE_QUANTITY, OFF_LOT, OFF_TICK, NO_PRICE, EMPTY_CLORDID, UNKNOWN_INSTRUMENT,
        NO_STOP_PRICE, MIN_QTY_ABOVE_QUANTITY, EXPIRED
    }

    record NewOrder(int session, int instrument, int clOrdId, Shape shape, Extras extras, Fault fault) implements Step
    {
    }

    /** {@code orderPick} chooses among the OrderIDs given so far (and a few never given); else by OrigClOrdID. */
    record Target(boolean byOrderId, int orderPick, int origClOrdId)
    {
    }

    record Cancel(int session, int clOrdId, Target target) implements Step
    {
    }

    /** {@code keepPrice}: only the quantity changes; {@code keepShape}: side, type and instrument are repeated. */
    record Change(int lots, int priceTicks, int stopTicks, int floorLots, boolean keepPrice, boolean keepShape)
    {
    }

    record Replace(int session, int clOrdId, Target target, Change change) implements Step
    {
    }

    record MassCancel(int session, int instrument, boolean dayOnly) implements Step
    {
    }

    record SetPhase(int instrument, TradingPhase phase) implements Step
    {
    }

    record Halt(int instrument) implements Step
    {
    }

    record Resume(int instrument) implements Step
    {
    }

    record SetReference(int instrument, int ticks) implements Step
    {
    }

    record Tick(int advanceMs) implements Step
    {
    }

    static Arbitrary<List<Step>> streams(final int maxSteps)
    {
        // jqwik favours short lists by default; a uniform size gives long streams where books build up.
        return step().list().ofMinSize(1).ofMaxSize(maxSteps).withSizeDistribution(RandomDistribution.uniform());
    }

    @SuppressWarnings("unchecked")
    static Arbitrary<Step> step()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(60, newOrder()),
            Tuple.of(10, cancel()),
            Tuple.of(10, replace()),
            Tuple.of(1, massCancel()),
            Tuple.of(3, setPhase()),
            Tuple.of(1, halt()),
            Tuple.of(3, resume()),
            Tuple.of(1, setReference()),
            Tuple.of(6, tick()));
    }

    private static Arbitrary<Integer> session()
    {
        return Arbitraries.integers().between(EngineFixture.S1, EngineFixture.S3);
    }

    private static Arbitrary<Integer> instrument()
    {
        return Arbitraries.of(EngineFixture.TEST, EngineFixture.LOT);
    }

    private static Arbitrary<Integer> clOrdId()
    {
        return Arbitraries.integers().between(0, CLORDID_POOL - 1);
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Step> newOrder()
    {
        final Arbitrary<OrdType> ordType = Arbitraries.frequency(
            Tuple.of(70, OrdType.LIMIT), Tuple.of(10, OrdType.MARKET), Tuple.of(10, OrdType.STOP),
            Tuple.of(10, OrdType.STOP_LIMIT));
        final Arbitrary<TimeInForce> tif = Arbitraries.frequency(
            Tuple.of(45, TimeInForce.DAY), Tuple.of(15, TimeInForce.GTC), Tuple.of(15, TimeInForce.IOC),
            Tuple.of(10, TimeInForce.FOK), Tuple.of(15, TimeInForce.GTD));
        final Arbitrary<Boolean> far = Arbitraries.frequency(Tuple.of(92, false), Tuple.of(8, true));
        final Arbitrary<Shape> shape = Combinators.combine(
            Arbitraries.of(Side.class), ordType, tif, Arbitraries.integers().between(1, 10),
            Arbitraries.integers().between(-8, 8), far, Arbitraries.integers().between(-15, 15))
            .as((side, type, timeInForce, lots, offset, isFar, stop) ->
                new Shape(side, type, timeInForce, lots, isFar ? offset * 135 : offset, isFar, stop));
        final Arbitrary<Extras> extras = Combinators.combine(
            sometimes(25, Arbitraries.integers().between(1, 8), 0),
            sometimes(25, Arbitraries.integers().between(1, 5), 0),
            Arbitraries.integers().between(-2, 60),
            Arbitraries.frequency(Tuple.of(90, false), Tuple.of(10, true)),
            Arbitraries.frequency(
                Tuple.of(60, SelfTradePrevention.NONE), Tuple.of(10, SelfTradePrevention.CANCEL_NEWEST),
                Tuple.of(10, SelfTradePrevention.CANCEL_OLDEST), Tuple.of(10, SelfTradePrevention.CANCEL_BOTH),
                Tuple.of(10, SelfTradePrevention.DECREMENT)))
            .as(Extras::new);
        final Arbitrary<Fault> fault = Arbitraries.frequencyOf(
            Tuple.of(88, Arbitraries.just(Fault.NONE)), Tuple.of(12, Arbitraries.of(Fault.class)));
        return Combinators.combine(session(), instrument(), clOrdId(), shape, extras, fault).as(NewOrder::new);
    }

    /** {@code values} in {@code percent} % of the draws, {@code otherwise} in the rest. */
    @SuppressWarnings("unchecked")
    private static Arbitrary<Integer> sometimes(
        final int percent, final Arbitrary<Integer> values, final int otherwise)
    {
        return Arbitraries.frequencyOf(Tuple.of(100 - percent, Arbitraries.just(otherwise)), Tuple.of(percent, values));
    }

    private static Arbitrary<Target> target()
    {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 10_000), clOrdId())
            .as(Target::new);
    }

    private static Arbitrary<Step> cancel()
    {
        return Combinators.combine(session(), clOrdId(), target()).as(Cancel::new);
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Step> replace()
    {
        final Arbitrary<Change> change = Combinators.combine(
            Arbitraries.integers().between(1, 12),
            Arbitraries.integers().between(-12, 12),
            Arbitraries.integers().between(-15, 15),
            sometimes(20, Arbitraries.integers().between(0, 4), -1),
            Arbitraries.frequency(Tuple.of(40, true), Tuple.of(60, false)),
            Arbitraries.frequency(Tuple.of(92, true), Tuple.of(8, false)))
            .as(Change::new);
        return Combinators.combine(session(), clOrdId(), target(), change).as(Replace::new);
    }

    private static Arbitrary<Step> massCancel()
    {
        return Combinators.combine(
            Arbitraries.integers().between(0, EngineFixture.S3),
            Arbitraries.of(0, EngineFixture.TEST, EngineFixture.LOT),
            Arbitraries.of(true, false))
            .as(MassCancel::new);
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Step> setPhase()
    {
        final Arbitrary<TradingPhase> phase = Arbitraries.frequency(
            Tuple.of(60, TradingPhase.CONTINUOUS), Tuple.of(10, TradingPhase.PRE_OPEN),
            Tuple.of(10, TradingPhase.OPENING_AUCTION), Tuple.of(12, TradingPhase.CLOSING_AUCTION),
            Tuple.of(8, TradingPhase.CLOSED));
        return Combinators.combine(instrument(), phase).as(SetPhase::new);
    }

    private static Arbitrary<Step> halt()
    {
        return instrument().map(Halt::new);
    }

    private static Arbitrary<Step> resume()
    {
        return instrument().map(Resume::new);
    }

    private static Arbitrary<Step> setReference()
    {
        return Combinators.combine(instrument(), Arbitraries.integers().between(-30, 30)).as(SetReference::new);
    }

    private static Arbitrary<Step> tick()
    {
        return Arbitraries.integers().between(0, 30).map(Tick::new);
    }

    /**
     * Turns steps into commands. Each step is stamped 1 ms after the previous one (a tick adds its own advance);
     * OrderIDs are picked among those the engine can have given so far (it numbers accepted orders 1, 2, 3...).
     */
    static final class Driver
    {
        private final Command command = new Command();
        private long now = EngineFixture.START_TIME;
        private int newOrdersSoFar;

        /** Fills and returns the driver's command for {@code step}; {@code engine} supplies what a FIX client
         * repeats in a replace (side, type, instrument of the live order). */
        Command commandFor(final Step step, final MatchingEngine engine)
        {
            now += EngineFixture.MILLISECOND;
            if (step instanceof NewOrder newOrder)
            {
                newOrdersSoFar++;
                return newOrder(newOrder);
            }
            if (step instanceof Cancel cancel)
            {
                command.reset(CommandType.CANCEL).timestamp(now)
                    .sessionId(cancel.session()).firmId(EngineFixture.firmOf(cancel.session()))
                    .clOrdId("x" + cancel.clOrdId());
                aim(cancel.target(), engine, cancel.session());
                return command;
            }
            if (step instanceof Replace replace)
            {
                return replace(replace, engine);
            }
            if (step instanceof MassCancel massCancel)
            {
                return command.reset(CommandType.MASS_CANCEL).timestamp(now).sessionId(massCancel.session())
                    .instrumentId(massCancel.instrument()).dayOnly(massCancel.dayOnly());
            }
            if (step instanceof SetPhase setPhase)
            {
                return command.reset(CommandType.SET_PHASE).timestamp(now).instrumentId(setPhase.instrument())
                    .phase(setPhase.phase());
            }
            if (step instanceof Halt halt)
            {
                return command.reset(CommandType.HALT).timestamp(now).instrumentId(halt.instrument());
            }
            if (step instanceof Resume resume)
            {
                return command.reset(CommandType.RESUME).timestamp(now).instrumentId(resume.instrument());
            }
            if (step instanceof SetReference setReference)
            {
                final InstrumentSpec spec = spec(setReference.instrument());
                return command.reset(CommandType.SET_REFERENCE_PRICE).timestamp(now)
                    .instrumentId(setReference.instrument())
                    .price(spec.referencePrice() + setReference.ticks() * spec.tickSize());
            }
            final Tick tick = (Tick)step;
            now += tick.advanceMs() * EngineFixture.MILLISECOND;
            return command.reset(CommandType.TIMER_TICK).timestamp(now);
        }

        private Command newOrder(final NewOrder step)
        {
            final InstrumentSpec spec = spec(step.instrument());
            final Shape shape = step.shape();
            final Extras extras = step.extras();
            final long lot = spec.lotSize();
            final long quantity = shape.lots() * lot;
            final long priceTicks = shape.far() ?
                (long)shape.priceOffset() * bandTicks(spec) / 1_000 :
                shape.priceOffset();
            final long price = spec.referencePrice() + priceTicks * spec.tickSize();
            final long stopPrice = spec.referencePrice() + shape.stopTicks() * spec.tickSize();
            command.reset(CommandType.NEW_ORDER).timestamp(now)
                .sessionId(step.session())
                .firmId(EngineFixture.firmOf(step.session()))
                .instrumentId(step.instrument())
                .clOrdId("c" + step.clOrdId())
                .side(shape.side())
                .ordType(shape.ordType())
                .timeInForce(shape.tif())
                .quantity(quantity)
                .price(shape.ordType().hasLimitPrice() ? price : Price.NONE)
                .stopPrice(shape.ordType().isStop() ? stopPrice : Price.NONE)
                .minQty(Math.min(extras.minLots(), shape.lots()) * lot)
                .maxFloor(Math.min(extras.floorLots(), shape.lots()) * lot)
                .expireTime(shape.tif() == TimeInForce.GTD ? now + extras.expireMs() * EngineFixture.MILLISECOND : 0)
                .postOnly(extras.postOnly())
                .selfTradePrevention(extras.stp());
            switch (step.fault())
            {
                case ZERO_QUANTITY -> command.quantity(0);
                case NEGATIVE_QUANTITY -> command.quantity(-quantity);
                case OFF_LOT -> command.quantity(lot > 1 ? quantity + lot / 2 : quantity).price(price + 1);
                case OFF_TICK -> command.price(price + spec.tickSize() / 2).stopPrice(stopPrice + 1);
                case NO_PRICE -> command.price(shape.ordType().hasLimitPrice() ? Price.NONE : price);
                case EMPTY_CLORDID -> command.clOrdId("");
                case UNKNOWN_INSTRUMENT -> command.instrumentId(EngineFixture.UNKNOWN_INSTRUMENT);
                case NO_STOP_PRICE -> command.stopPrice(Price.NONE);
                case MIN_QTY_ABOVE_QUANTITY -> command.minQty(quantity + lot);
                case EXPIRED -> command.expireTime(now - EngineFixture.MILLISECOND);
                default ->
                {
                }
            }
            return command;
        }

        private Command replace(final Replace step, final MatchingEngine engine)
        {
            command.reset(CommandType.REPLACE).timestamp(now)
                .sessionId(step.session()).firmId(EngineFixture.firmOf(step.session()))
                .clOrdId("c" + step.clOrdId());
            final OrderView target = aim(step.target(), engine, step.session());
            final Change change = step.change();
            final int instrumentId = target != null ? target.instrumentId() : EngineFixture.TEST;
            final InstrumentSpec spec = spec(instrumentId);
            command.quantity(change.lots() * spec.lotSize())
                .price(spec.referencePrice() + change.priceTicks() * spec.tickSize())
                .stopPrice(spec.referencePrice() + change.stopTicks() * spec.tickSize())
                .maxFloor(change.floorLots() >= 0 ? change.floorLots() * spec.lotSize() : 0);
            if (target != null)
            {
                if (change.keepShape())
                {
                    command.side(target.side()).ordType(target.ordType()).timeInForce(target.timeInForce())
                        .expireTime(target.expireTime());
                }
                if (change.keepPrice() || !target.ordType().hasLimitPrice())
                {
                    command.price(target.price());
                }
                if (!target.ordType().isStop())
                {
                    command.stopPrice(target.stopPrice());
                }
                if (change.floorLots() < 0)
                {
                    command.maxFloor(Math.min(target.maxFloor(), command.quantity()));
                }
            }
            return command;
        }

        /** Sets the instrument, OrderID or OrigClOrdID of a cancel or replace; returns the order it finds, if any. */
        private OrderView aim(final Target target, final MatchingEngine engine, final int session)
        {
            OrderView order;
            if (target.byOrderId())
            {
                // A few picks land past the last OrderID given: unknown orders.
                final long orderId = 1 + target.orderPick() % (newOrdersSoFar + 3);
                command.orderId(orderId);
                order = engine.order(orderId);
            }
            else
            {
                final String origClOrdId = "c" + target.origClOrdId();
                command.origClOrdId(origClOrdId);
                order = engine.order(session, origClOrdId);
            }
            command.instrumentId(order != null ? order.instrumentId() : EngineFixture.TEST);
            return order;
        }

        private static long bandTicks(final InstrumentSpec spec)
        {
            return spec.referencePrice() * spec.staticBandBps() / 10_000 / spec.tickSize();
        }

        private static InstrumentSpec spec(final int instrumentId)
        {
            return instrumentId == EngineFixture.LOT ? INSTRUMENTS.get(1) : INSTRUMENTS.get(0);
        }
    }
}
