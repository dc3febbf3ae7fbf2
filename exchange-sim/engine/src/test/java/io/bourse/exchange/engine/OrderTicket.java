package io.bourse.exchange.engine;

import io.bourse.codecs.types.OrdType;
import io.bourse.codecs.types.Price;
import io.bourse.codecs.types.Side;
import io.bourse.codecs.types.TimeInForce;

/**
 * A new order as a test writes it: {@code buy("A1", 100, "100.00").by(S2).ioc()}. Defaults: session S1 (with its
 * firm), instrument TEST, Day, no MinQty, no MaxFloor, no self-trade prevention. Sent with
 * {@link EngineFixture#send(OrderTicket)}.
 */
final class OrderTicket
{
    private final String clOrdId;
    private final Side side;
    private final OrdType ordType;
    private final long quantity;
    private long price;
    private long stopPrice = Price.NONE;
    private int sessionId = EngineFixture.S1;
    private int firmId = -1;
    private int instrumentId = EngineFixture.TEST;
    private TimeInForce timeInForce = TimeInForce.DAY;
    private long minQty;
    private long maxFloor;
    private long expireTime;
    private boolean postOnly;
    private SelfTradePrevention selfTradePrevention = SelfTradePrevention.NONE;

    private OrderTicket(
        final String clOrdId, final Side side, final OrdType ordType, final long quantity, final long price)
    {
        this.clOrdId = clOrdId;
        this.side = side;
        this.ordType = ordType;
        this.quantity = quantity;
        this.price = price;
    }

    static OrderTicket buy(final String clOrdId, final long quantity, final String price)
    {
        return new OrderTicket(clOrdId, Side.BUY, OrdType.LIMIT, quantity, Price.parse(price));
    }

    static OrderTicket sell(final String clOrdId, final long quantity, final String price)
    {
        return new OrderTicket(clOrdId, Side.SELL, OrdType.LIMIT, quantity, Price.parse(price));
    }

    static OrderTicket buyMarket(final String clOrdId, final long quantity)
    {
        return new OrderTicket(clOrdId, Side.BUY, OrdType.MARKET, quantity, Price.NONE);
    }

    static OrderTicket sellMarket(final String clOrdId, final long quantity)
    {
        return new OrderTicket(clOrdId, Side.SELL, OrdType.MARKET, quantity, Price.NONE);
    }

    static OrderTicket buyStop(final String clOrdId, final long quantity, final String stopPrice)
    {
        return new OrderTicket(clOrdId, Side.BUY, OrdType.STOP, quantity, Price.NONE).stopPrice(stopPrice);
    }

    static OrderTicket sellStop(final String clOrdId, final long quantity, final String stopPrice)
    {
        return new OrderTicket(clOrdId, Side.SELL, OrdType.STOP, quantity, Price.NONE).stopPrice(stopPrice);
    }

    static OrderTicket buyStopLimit(
        final String clOrdId, final long quantity, final String stopPrice, final String limitPrice)
    {
        return new OrderTicket(clOrdId, Side.BUY, OrdType.STOP_LIMIT, quantity, Price.parse(limitPrice))
            .stopPrice(stopPrice);
    }

    static OrderTicket sellStopLimit(
        final String clOrdId, final long quantity, final String stopPrice, final String limitPrice)
    {
        return new OrderTicket(clOrdId, Side.SELL, OrdType.STOP_LIMIT, quantity, Price.parse(limitPrice))
            .stopPrice(stopPrice);
    }

    /** Any type, for the validation tests that need shapes the factories above do not make. */
    static OrderTicket order(
        final String clOrdId, final Side side, final OrdType ordType, final long quantity, final long price)
    {
        return new OrderTicket(clOrdId, side, ordType, quantity, price);
    }

    OrderTicket by(final int sessionId)
    {
        this.sessionId = sessionId;
        return this;
    }

    /** Overrides the session's firm (0 = no self-trade group). */
    OrderTicket firm(final int firmId)
    {
        this.firmId = firmId;
        return this;
    }

    OrderTicket on(final int instrumentId)
    {
        this.instrumentId = instrumentId;
        return this;
    }

    OrderTicket tif(final TimeInForce timeInForce)
    {
        this.timeInForce = timeInForce;
        return this;
    }

    OrderTicket ioc()
    {
        return tif(TimeInForce.IOC);
    }

    OrderTicket fok()
    {
        return tif(TimeInForce.FOK);
    }

    OrderTicket gtc()
    {
        return tif(TimeInForce.GTC);
    }

    OrderTicket gtd(final long expireTime)
    {
        this.expireTime = expireTime;
        return tif(TimeInForce.GTD);
    }

    /** Sets the expire time without changing the time in force, to test validation. */
    OrderTicket expireTime(final long expireTime)
    {
        this.expireTime = expireTime;
        return this;
    }

    OrderTicket minQty(final long minQty)
    {
        this.minQty = minQty;
        return this;
    }

    OrderTicket maxFloor(final long maxFloor)
    {
        this.maxFloor = maxFloor;
        return this;
    }

    OrderTicket postOnly()
    {
        this.postOnly = true;
        return this;
    }

    OrderTicket stp(final SelfTradePrevention selfTradePrevention)
    {
        this.selfTradePrevention = selfTradePrevention;
        return this;
    }

    /** A raw scaled price, for values {@link Price#parse} will not make (NONE, zero, negative). */
    OrderTicket price(final long price)
    {
        this.price = price;
        return this;
    }

    OrderTicket stopPrice(final String stopPrice)
    {
        this.stopPrice = Price.parse(stopPrice);
        return this;
    }

    OrderTicket stopPrice(final long stopPrice)
    {
        this.stopPrice = stopPrice;
        return this;
    }

    String clOrdId()
    {
        return clOrdId;
    }

    int sessionId()
    {
        return sessionId;
    }

    /** Fills a command already reset to NEW_ORDER and timestamped. */
    void writeTo(final Command command)
    {
        command
            .sessionId(sessionId)
            .firmId(firmId >= 0 ? firmId : EngineFixture.firmOf(sessionId))
            .instrumentId(instrumentId)
            .clOrdId(clOrdId)
            .side(side)
            .ordType(ordType)
            .timeInForce(timeInForce)
            .quantity(quantity)
            .price(price)
            .stopPrice(stopPrice)
            .minQty(minQty)
            .maxFloor(maxFloor)
            .expireTime(expireTime)
            .postOnly(postOnly)
            .selfTradePrevention(selfTradePrevention);
    }
}
