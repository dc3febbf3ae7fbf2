package io.bourse.exchange.engine;

import io.bourse.codecs.types.OrdType;
import io.bourse.codecs.types.Price;
import io.bourse.codecs.types.Side;

/**
 * A cancel/replace request as a test writes it: {@code replace("A1", "A2").qty(60)}. Like a FIX client, the
 * fixture repeats every field the test leaves unset from the live order (side, type, instrument, quantity,
 * prices, MaxFloor), so a test states only what it changes. Defaults: session S1, order found by OrigClOrdID.
 */
final class ReplaceTicket
{
    private static final long UNSET = Long.MIN_VALUE + 1;

    private final String origClOrdId;
    private final String clOrdId;
    private int sessionId = EngineFixture.S1;
    private long orderId;
    private Side side;
    private OrdType ordType;
    private int instrumentId;
    private long quantity = UNSET;
    private long price = UNSET;
    private long stopPrice = UNSET;
    private long maxFloor = UNSET;

    private ReplaceTicket(final String origClOrdId, final String clOrdId)
    {
        this.origClOrdId = origClOrdId;
        this.clOrdId = clOrdId;
    }

    static ReplaceTicket replace(final String origClOrdId, final String clOrdId)
    {
        return new ReplaceTicket(origClOrdId, clOrdId);
    }

    ReplaceTicket by(final int sessionId)
    {
        this.sessionId = sessionId;
        return this;
    }

    /** Finds the order by OrderID instead of OrigClOrdID. */
    ReplaceTicket orderId(final long orderId)
    {
        this.orderId = orderId;
        return this;
    }

    ReplaceTicket qty(final long quantity)
    {
        this.quantity = quantity;
        return this;
    }

    ReplaceTicket price(final String price)
    {
        this.price = Price.parse(price);
        return this;
    }

    ReplaceTicket stopPrice(final String stopPrice)
    {
        this.stopPrice = Price.parse(stopPrice);
        return this;
    }

    ReplaceTicket maxFloor(final long maxFloor)
    {
        this.maxFloor = maxFloor;
        return this;
    }

    ReplaceTicket side(final Side side)
    {
        this.side = side;
        return this;
    }

    ReplaceTicket ordType(final OrdType ordType)
    {
        this.ordType = ordType;
        return this;
    }

    ReplaceTicket on(final int instrumentId)
    {
        this.instrumentId = instrumentId;
        return this;
    }

    int sessionId()
    {
        return sessionId;
    }

    long orderId()
    {
        return orderId;
    }

    String origClOrdId()
    {
        return origClOrdId;
    }

    /**
     * Fills a command already reset to REPLACE and timestamped; {@code target} is the live order the request aims
     * at (read before the command is processed, views are reused), or null when there is none.
     */
    void writeTo(final Command command, final OrderView target)
    {
        final int currentInstrument = target != null ? target.instrumentId() : EngineFixture.TEST;
        command
            .sessionId(sessionId)
            .firmId(EngineFixture.firmOf(sessionId))
            .instrumentId(instrumentId != 0 ? instrumentId : currentInstrument)
            .clOrdId(clOrdId)
            .origClOrdId(origClOrdId)
            .orderId(orderId)
            .side(side != null ? side : target != null ? target.side() : Side.BUY)
            .ordType(ordType != null ? ordType : target != null ? target.ordType() : OrdType.LIMIT)
            .quantity(pick(quantity, target != null ? target.quantity() : 0))
            .price(pick(price, target != null ? target.price() : Price.NONE))
            .stopPrice(pick(stopPrice, target != null ? target.stopPrice() : Price.NONE))
            .maxFloor(pick(maxFloor, target != null ? target.maxFloor() : 0));
        if (target != null)
        {
            command.timeInForce(target.timeInForce()).expireTime(target.expireTime());
        }
    }

    private static long pick(final long requested, final long current)
    {
        return requested != UNSET ? requested : current;
    }
}
