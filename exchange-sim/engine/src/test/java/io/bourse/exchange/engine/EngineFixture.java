package io.bourse.exchange.engine;

import io.bourse.codecs.types.Price;

import java.util.List;

/**
 * A matching engine with a {@link RecordingListener} and a terse way to send it commands, so each rule test reads
 * as a scenario. Every instrument starts in continuous trading; every command is stamped 1 ms after the previous
 * one unless the test sets the time.
 *
 * <p>Sessions: S1 and S3 belong to firm 1, S2 to firm 2 (so S1 and S3 can self-trade, S1 and S2 cannot).
 * Instruments:
 * <ul>
 * <li>TEST (1): tick 0.01, lot 1, reference 100.00, static band 10 % (90.00-110.00), dynamic band 5 %.</li>
 * <li>LOT (2): tick 0.05, lot 100, reference 20.00, static band 10 %, dynamic band 5 %.</li>
 * <li>WIDE (3): tick 0.01, lot 1, reference 100.00, static band 5 %, dynamic band 20 %: the dynamic band is wider
 *     than the collar, so collar tests see the collar alone.</li>
 * </ul>
 */
final class EngineFixture
{
    static final int TEST = 1;
    static final int LOT = 2;
    static final int WIDE = 3;
    static final int UNKNOWN_INSTRUMENT = 99;

    static final int S1 = 1;
    static final int S2 = 2;
    static final int S3 = 3;

    static final long START_TIME = 1_700_000_000_000_000_000L;
    static final long MILLISECOND = 1_000_000L;

    static final List<InstrumentSpec> INSTRUMENTS = List.of(
        new InstrumentSpec(TEST, "TEST", px("0.01"), 1, px("100.00"), 1_000, 500),
        new InstrumentSpec(LOT, "LOT", px("0.05"), 100, px("20.00"), 1_000, 500),
        new InstrumentSpec(WIDE, "WIDE", px("0.01"), 1, px("100.00"), 500, 2_000));

    final RecordingListener events = new RecordingListener();
    final MatchingEngine engine;

    private final Command command = new Command();
    private long now = START_TIME;

    EngineFixture(final BookType bookType)
    {
        engine = new MatchingEngine(INSTRUMENTS, events, bookType);
        // The rulebook does not say where an instrument starts; the rule tests start from continuous trading.
        for (final InstrumentSpec instrument : INSTRUMENTS)
        {
            if (engine.phase(instrument.id()) != TradingPhase.CONTINUOUS)
            {
                setPhase(instrument.id(), TradingPhase.CONTINUOUS);
            }
        }
        events.clear();
    }

    static long px(final String price)
    {
        return Price.parse(price);
    }

    static int firmOf(final int sessionId)
    {
        return sessionId == S2 ? 2 : 1;
    }

    /** Timestamp of the last command sent. */
    long now()
    {
        return now;
    }

    /** Timestamp the next command will carry. */
    long nextTimestamp()
    {
        return now + MILLISECOND;
    }

    /** Sends a new order; returns the OrderID it was given, or 0 when it was rejected. */
    long send(final OrderTicket ticket)
    {
        final Command newOrder = next(CommandType.NEW_ORDER);
        ticket.writeTo(newOrder);
        final int mark = events.size();
        process(newOrder);
        return events.acceptedOrderId(mark, ticket.clOrdId());
    }

    void send(final ReplaceTicket ticket)
    {
        final OrderView target = ticket.orderId() != 0 ?
            engine.order(ticket.orderId()) :
            engine.order(ticket.sessionId(), ticket.origClOrdId());
        final Command replace = next(CommandType.REPLACE);
        ticket.writeTo(replace, target);
        process(replace);
    }

    void cancel(final int sessionId, final String clOrdId, final String origClOrdId)
    {
        cancel(sessionId, clOrdId, 0, origClOrdId);
    }

    void cancel(final int sessionId, final String clOrdId, final long orderId)
    {
        cancel(sessionId, clOrdId, orderId, "");
    }

    void cancel(final int sessionId, final String clOrdId, final long orderId, final String origClOrdId)
    {
        final OrderView target = orderId != 0 ? engine.order(orderId) : engine.order(sessionId, origClOrdId);
        final int instrumentId = target != null ? target.instrumentId() : TEST;
        final Command cancel = next(CommandType.CANCEL)
            .sessionId(sessionId)
            .firmId(firmOf(sessionId))
            .instrumentId(instrumentId)
            .clOrdId(clOrdId)
            .orderId(orderId)
            .origClOrdId(origClOrdId);
        if (target != null)
        {
            cancel.side(target.side());
        }
        process(cancel);
    }

    /** {@code sessionId} 0 = every session, {@code instrumentId} 0 = every instrument. */
    void massCancel(final int sessionId, final int instrumentId, final boolean dayOnly)
    {
        process(next(CommandType.MASS_CANCEL).sessionId(sessionId).instrumentId(instrumentId).dayOnly(dayOnly));
    }

    void setPhase(final int instrumentId, final TradingPhase phase)
    {
        process(next(CommandType.SET_PHASE).instrumentId(instrumentId).phase(phase));
    }

    void halt(final int instrumentId)
    {
        process(next(CommandType.HALT).instrumentId(instrumentId));
    }

    void resume(final int instrumentId)
    {
        process(next(CommandType.RESUME).instrumentId(instrumentId));
    }

    void setReferencePrice(final int instrumentId, final String price)
    {
        process(next(CommandType.SET_REFERENCE_PRICE).instrumentId(instrumentId).price(px(price)));
    }

    void timerTick()
    {
        process(next(CommandType.TIMER_TICK));
    }

    void timerTickAt(final long timestamp)
    {
        process(command.reset(CommandType.TIMER_TICK).timestamp(timestamp));
    }

    /** A command of {@code type} stamped with the next timestamp, for tests that fill it by hand. */
    Command next(final CommandType type)
    {
        return command.reset(type).timestamp(nextTimestamp());
    }

    /** Processes a command the test filled itself; returns its sequence number. */
    long process(final Command toProcess)
    {
        now = toProcess.timestamp();
        return engine.process(toProcess);
    }
}
