package io.bourse.exchange.demo;

import io.bourse.codecs.types.OrdType;
import io.bourse.codecs.types.Price;
import io.bourse.codecs.types.Side;
import io.bourse.codecs.types.TimeInForce;
import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.CommandType;
import io.bourse.exchange.engine.InstrumentSpec;
import io.bourse.exchange.engine.MatchingEngine;
import io.bourse.exchange.engine.OrderView;
import io.bourse.exchange.engine.TradingPhase;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded order flow from a few dozen participants around a fair value that walks randomly per instrument: mostly
 * limit orders near the touch (some crossing), cancels and replaces of live orders, some icebergs, stops and
 * immediate orders. Everything a participant does depends only on the seed and on the engine's answers, so a run is
 * reproducible.
 */
final class OrderFlow
{
    static final int SESSIONS = 24;

    private final List<InstrumentSpec> instruments;
    private final LiveOrders liveOrders;
    private final SplittableRandom random;
    /** Fair value per instrument, in ticks. */
    private final long[] fairTicks;
    private long nextClOrdId = 1;

    OrderFlow(final List<InstrumentSpec> instruments, final LiveOrders liveOrders, final long seed)
    {
        this.instruments = instruments;
        this.liveOrders = liveOrders;
        this.random = new SplittableRandom(seed);
        fairTicks = new long[instruments.size()];
        for (int i = 0; i < fairTicks.length; i++)
        {
            fairTicks[i] = instruments.get(i).referencePrice() / instruments.get(i).tickSize();
        }
    }

    /** Fills {@code command} with the next participant action. */
    void next(final Command command, final MatchingEngine engine, final long timestamp)
    {
        final int roll = random.nextInt(100);
        if (roll < 25 && liveOrders.size() > 0)
        {
            cancel(command, timestamp);
        }
        else if (roll < 40 && liveOrders.size() > 0)
        {
            replace(command, engine, timestamp);
        }
        else
        {
            newOrder(command, engine, timestamp, roll);
        }
    }

    private void newOrder(final Command command, final MatchingEngine engine, final long timestamp, final int roll)
    {
        final int index = random.nextInt(instruments.size());
        final InstrumentSpec spec = instruments.get(index);
        walkFairValue(index, spec);
        final boolean continuous = engine.phase(spec.id()) == TradingPhase.CONTINUOUS;
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final int session = 1 + random.nextInt(SESSIONS);
        final long lots = 1 + random.nextInt(random.nextInt(10) == 0 ? 50 : 10);
        command.reset(CommandType.NEW_ORDER)
            .timestamp(timestamp)
            .sessionId(session)
            .firmId(session)
            .instrumentId(spec.id())
            .clOrdId(nextClOrdId++)
            .side(side)
            .quantity(lots * spec.lotSize());

        if (roll >= 95)
        {
            // Immediate liquidity takers; in a call phase a market order waits for the uncross instead.
            command.ordType(OrdType.MARKET).timeInForce(continuous && random.nextBoolean() ? TimeInForce.IOC : TimeInForce.DAY);
            return;
        }
        if (roll >= 92)
        {
            final long stopTicks = fairTicks[index] + (side == Side.BUY ? 1 : -1) * (3 + random.nextInt(10));
            command.ordType(OrdType.STOP).timeInForce(TimeInForce.DAY).stopPrice(clampToBand(spec, stopTicks));
            return;
        }
        // Passive around the fair value; about one in eight crosses it by a few ticks.
        final long offset = random.nextInt(8) == 0 ? -random.nextInt(4) : 1 + random.nextInt(12);
        final long ticks = side == Side.BUY ? fairTicks[index] - offset : fairTicks[index] + offset;
        command.ordType(OrdType.LIMIT)
            .timeInForce(random.nextInt(10) == 0 ? TimeInForce.GTC : TimeInForce.DAY)
            .price(clampToBand(spec, ticks));
        if (roll >= 88)
        {
            command.quantity(lots * 10 * spec.lotSize()).maxFloor(lots * spec.lotSize());
        }
    }

    private void cancel(final Command command, final long timestamp)
    {
        final long orderId = liveOrders.pick(random);
        command.reset(CommandType.CANCEL)
            .timestamp(timestamp)
            .sessionId(liveOrders.sessionOf(orderId))
            .orderId(orderId)
            .clOrdId(nextClOrdId++);
    }

    private void replace(final Command command, final MatchingEngine engine, final long timestamp)
    {
        final long orderId = liveOrders.pick(random);
        final OrderView order = engine.order(orderId);
        command.reset(CommandType.REPLACE)
            .timestamp(timestamp)
            .sessionId(liveOrders.sessionOf(orderId))
            .orderId(orderId)
            .clOrdId(nextClOrdId++);
        if (order == null)
        {
            return;
        }
        final InstrumentSpec spec = specOf(order.instrumentId());
        command.side(order.side()).ordType(order.ordType()).stopPrice(order.stopPrice()).maxFloor(order.maxFloor());
        final long price = order.price();
        if (random.nextBoolean() || price == Price.NONE)
        {
            // Reduce the quantity: keeps time priority.
            final long reduceBy = spec.lotSize() * (1 + random.nextInt(3));
            command.quantity(Math.max(order.cumQty() + spec.lotSize(), order.quantity() - reduceBy)).price(price);
            if (command.maxFloor() > command.quantity())
            {
                command.maxFloor(0);
            }
        }
        else
        {
            // Move the price a few ticks: loses time priority and may trade.
            final long moveTicks = random.nextInt(7) - 3;
            command.quantity(order.quantity()).price(clampToBand(spec, price / spec.tickSize() + moveTicks));
        }
    }

    private void walkFairValue(final int index, final InstrumentSpec spec)
    {
        final int step = random.nextInt(21) - 10;
        if (step == -10 || step == 10)
        {
            fairTicks[index] += step / 10;
        }
        final long reference = spec.referencePrice() / spec.tickSize();
        final long maxDrift = reference * spec.dynamicBandBps() / 20_000;
        fairTicks[index] = Math.max(reference - maxDrift, Math.min(reference + maxDrift, fairTicks[index]));
    }

    private static long clampToBand(final InstrumentSpec spec, final long ticks)
    {
        final long reference = spec.referencePrice() / spec.tickSize();
        final long width = reference * spec.staticBandBps() / 10_000;
        return Math.max(Math.max(1, reference - width), Math.min(reference + width, ticks)) * spec.tickSize();
    }

    private InstrumentSpec specOf(final int instrumentId)
    {
        for (final InstrumentSpec spec : instruments)
        {
            if (spec.id() == instrumentId)
            {
                return spec;
            }
        }
        throw new IllegalStateException("no instrument " + instrumentId);
    }
}
