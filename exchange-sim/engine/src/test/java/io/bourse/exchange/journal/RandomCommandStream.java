package io.bourse.exchange.journal;

import io.bourse.codecs.types.OrdType;
import io.bourse.codecs.types.Price;
import io.bourse.codecs.types.Side;
import io.bourse.codecs.types.TimeInForce;
import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.CommandType;
import io.bourse.exchange.engine.InstrumentSpec;
import io.bourse.exchange.engine.SelfTradePrevention;
import io.bourse.exchange.engine.TradingPhase;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded streams of mostly valid commands that keep an engine busy: orders of every type that cross often
 * (prices within a few ticks of the reference), cancels and replaces of earlier orders (sometimes by another
 * session, sometimes unknown), phase changes with auctions, halts, reference price changes, GTD expiry via timer
 * ticks, and the odd invalid order. Four sessions in two firms, so self-trade prevention triggers.
 */
final class RandomCommandStream
{
    static final List<InstrumentSpec> INSTRUMENTS = List.of(
        new InstrumentSpec(1, "ALFA", Price.parse("0.01"), 1, Price.parse("100.00"), 1_000, 500),
        new InstrumentSpec(2, "BETA", Price.parse("0.05"), 10, Price.parse("20.00"), 1_000, 500));

    private static final long MILLISECOND = 1_000_000L;

    private final Random random;
    private final List<InstrumentSpec> instruments;
    private final List<List<String>> clOrdIdsBySession = new ArrayList<>();
    private long now = TestCommands.START_TIME;
    private long nextClOrdId = 1;
    private long newOrders;

    private RandomCommandStream(final long seed, final int instrumentCount)
    {
        random = new Random(seed);
        instruments = INSTRUMENTS.subList(0, instrumentCount);
        for (int session = 0; session <= 4; session++)
        {
            clOrdIdsBySession.add(new ArrayList<>());
        }
    }

    /** {@code length} commands, each a separate object. */
    static List<Command> generate(final long seed, final int instrumentCount, final int length)
    {
        final RandomCommandStream stream = new RandomCommandStream(seed, instrumentCount);
        final List<Command> commands = new ArrayList<>(length);
        for (int i = 0; i < length; i++)
        {
            commands.add(stream.next());
        }
        return commands;
    }

    private Command next()
    {
        now += MILLISECOND * (1 + random.nextInt(5));
        final Command command = new Command();
        final int roll = random.nextInt(100);
        if (roll < 55)
        {
            newOrder(command);
        }
        else if (roll < 70)
        {
            cancel(command.reset(CommandType.CANCEL));
        }
        else if (roll < 82)
        {
            replace(command);
        }
        else if (roll < 84)
        {
            command.reset(CommandType.MASS_CANCEL)
                .sessionId(random.nextInt(3) == 0 ? 0 : session())
                .instrumentId(random.nextInt(3) == 0 ? 0 : instrument().id())
                .dayOnly(random.nextBoolean());
        }
        else if (roll < 89)
        {
            final TradingPhase[] phases = TradingPhase.values();
            command.reset(CommandType.SET_PHASE)
                .instrumentId(instrument().id())
                .phase(random.nextInt(5) < 2 ? TradingPhase.CONTINUOUS : phases[random.nextInt(phases.length)]);
        }
        else if (roll < 91)
        {
            command.reset(CommandType.HALT).instrumentId(instrument().id());
        }
        else if (roll < 94)
        {
            command.reset(CommandType.RESUME).instrumentId(instrument().id());
        }
        else if (roll < 96)
        {
            final InstrumentSpec instrument = instrument();
            command.reset(CommandType.SET_REFERENCE_PRICE)
                .instrumentId(instrument.id())
                .price(priceNear(instrument, 10));
        }
        else
        {
            command.reset(CommandType.TIMER_TICK);
        }
        return command.timestamp(now);
    }

    private void newOrder(final Command command)
    {
        final InstrumentSpec instrument = instrument();
        final int session = session();
        final OrdType ordType = pick(new OrdType[]{OrdType.LIMIT, OrdType.LIMIT, OrdType.LIMIT, OrdType.LIMIT,
            OrdType.LIMIT, OrdType.LIMIT, OrdType.MARKET, OrdType.STOP, OrdType.STOP_LIMIT});
        final TimeInForce timeInForce = pick(new TimeInForce[]{TimeInForce.DAY, TimeInForce.DAY, TimeInForce.DAY,
            TimeInForce.GTC, TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK, TimeInForce.GTD});
        final long quantity = instrument.lotSize() * (1 + random.nextInt(random.nextInt(8) == 0 ? 60 : 12));
        command.reset(CommandType.NEW_ORDER)
            .sessionId(session)
            .firmId(firmOf(session))
            .instrumentId(random.nextInt(60) == 0 ? 99 : instrument.id())
            .clOrdId(newClOrdId(session))
            .side(random.nextBoolean() ? Side.BUY : Side.SELL)
            .ordType(ordType)
            .timeInForce(timeInForce)
            .quantity(random.nextInt(80) == 0 ? 0 : quantity);
        if (ordType.hasLimitPrice())
        {
            command.price(random.nextInt(50) == 0 ? priceNear(instrument, 20_000) : priceNear(instrument, 15));
        }
        if (ordType.isStop())
        {
            command.stopPrice(priceNear(instrument, 15));
        }
        if (timeInForce == TimeInForce.GTD)
        {
            command.expireTime(now + MILLISECOND * (1 + random.nextInt(200)));
        }
        if (random.nextInt(8) == 0)
        {
            command.minQty(instrument.lotSize() * (1 + random.nextInt((int)(quantity / instrument.lotSize()))));
        }
        if (random.nextInt(6) == 0)
        {
            command.maxFloor(instrument.lotSize() * (1 + random.nextInt(3)));
        }
        command.postOnly(random.nextInt(10) == 0);
        if (random.nextInt(3) == 0)
        {
            command.selfTradePrevention(pick(SelfTradePrevention.values()));
        }
        newOrders++;
    }

    private void cancel(final Command command)
    {
        final int session = session();
        command.sessionId(random.nextInt(10) == 0 ? session() : session)
            .instrumentId(instrument().id())
            .clOrdId(newClOrdId(session));
        if (random.nextBoolean() && newOrders > 0)
        {
            command.orderId(1 + (long)random.nextInt((int)newOrders + 2));
        }
        else
        {
            command.origClOrdId(earlierClOrdId(session));
        }
    }

    private void replace(final Command command)
    {
        cancel(command.reset(CommandType.REPLACE));
        final InstrumentSpec instrument = INSTRUMENTS.get(Math.max(0, command.instrumentId() - 1));
        command.side(random.nextBoolean() ? Side.BUY : Side.SELL)
            .ordType(random.nextInt(6) == 0 ? OrdType.STOP_LIMIT : OrdType.LIMIT)
            .quantity(instrument.lotSize() * (1 + random.nextInt(15)))
            .price(priceNear(instrument, 15));
        if (command.ordType().isStop())
        {
            command.stopPrice(priceNear(instrument, 15));
        }
        if (random.nextInt(6) == 0)
        {
            command.maxFloor(instrument.lotSize() * (1 + random.nextInt(3)));
        }
    }

    private String newClOrdId(final int session)
    {
        // Now and then reuse a live-looking id, to meet the duplicate ClOrdID rule.
        if (random.nextInt(40) == 0 && !clOrdIdsBySession.get(session).isEmpty())
        {
            return earlierClOrdId(session);
        }
        final String id = "C" + nextClOrdId++;
        clOrdIdsBySession.get(session).add(id);
        return id;
    }

    private String earlierClOrdId(final int session)
    {
        final List<String> ids = clOrdIdsBySession.get(session);
        return ids.isEmpty() ? "NONE" : ids.get(ids.size() - 1 - random.nextInt(Math.min(ids.size(), 12)));
    }

    private long priceNear(final InstrumentSpec instrument, final int ticks)
    {
        return instrument.referencePrice() + instrument.tickSize() * (random.nextInt(2 * ticks + 1) - ticks);
    }

    private InstrumentSpec instrument()
    {
        return instruments.get(random.nextInt(instruments.size()));
    }

    private int session()
    {
        return 1 + random.nextInt(4);
    }

    private static int firmOf(final int session)
    {
        return session <= 2 ? 1 : 2;
    }

    private <T> T pick(final T[] values)
    {
        return values[random.nextInt(values.length)];
    }
}
