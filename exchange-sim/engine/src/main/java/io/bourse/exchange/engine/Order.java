package io.bourse.exchange.engine;

import io.bourse.codecs.types.OrdType;
import io.bourse.codecs.types.Price;
import io.bourse.codecs.types.Side;
import io.bourse.codecs.types.TimeInForce;

/**
 * An order as the engine holds it: mutable, pooled, and linked into its price level's FIFO queue, its session's
 * ClOrdID hash chain and (when it has one) the stop or expiry queue. Only the engine mutates it.
 */
final class Order implements OrderView
{
    long orderId;
    int sessionId;
    int firmId;
    Instrument instrument;
    final ClientOrderId clOrdId = new ClientOrderId();
    final ClientOrderId origClOrdId = new ClientOrderId();
    Side side;
    OrdType ordType;
    TimeInForce timeInForce;
    long quantity;
    long price;
    long stopPrice;
    long cumQty;
    long leavesQty;
    long cumNotional;
    long displayQty;
    long maxFloor;
    long minQty;
    long expireTime;
    boolean postOnly;
    SelfTradePrevention selfTradePrevention;
    boolean triggered;
    long entryTimestamp;

    /** Where the order sits on the book: the limit price, or the collar price of a market order in a call. */
    long bookPrice;
    /** True while the order works as a market order (entered as Market, or a triggered Stop). */
    boolean marketable;

    PriceLevel level;
    Order prev;
    Order next;
    /** Next order in the same ClOrdID index bucket. */
    Order clOrdIdChain;
    /** The ClOrdID's hash, copied here so index lookups skip non-matching orders without touching their ids. */
    int clOrdIdHash;
    boolean inStopBook;
    boolean inExpiryQueue;
    boolean done;

    void init(final long orderId, final Command command, final Instrument instrument)
    {
        this.orderId = orderId;
        sessionId = command.sessionId();
        firmId = command.firmId();
        this.instrument = instrument;
        clOrdId.copyFrom(command.clOrdId());
        origClOrdId.clear();
        side = command.side();
        ordType = command.ordType();
        timeInForce = command.timeInForce();
        quantity = command.quantity();
        price = ordType.hasLimitPrice() ? command.price() : Price.NONE;
        stopPrice = ordType.isStop() ? command.stopPrice() : Price.NONE;
        cumQty = 0;
        leavesQty = quantity;
        cumNotional = 0;
        displayQty = 0;
        maxFloor = command.maxFloor();
        minQty = command.minQty();
        expireTime = timeInForce == TimeInForce.GTD ? command.expireTime() : 0;
        postOnly = command.postOnly();
        selfTradePrevention = command.selfTradePrevention();
        triggered = !ordType.isStop();
        entryTimestamp = command.timestamp();
        bookPrice = price;
        marketable = ordType == OrdType.MARKET;
        level = null;
        prev = null;
        next = null;
        clOrdIdChain = null;
        inStopBook = false;
        inExpiryQueue = false;
        done = false;
    }

    /** The slice to show when (re)joining the book. */
    long nextDisplaySlice()
    {
        return maxFloor > 0 ? Math.min(maxFloor, leavesQty) : leavesQty;
    }

    boolean isIceberg()
    {
        return maxFloor > 0;
    }

    boolean isOnBook()
    {
        return level != null;
    }

    @Override
    public long orderId()
    {
        return orderId;
    }

    @Override
    public int sessionId()
    {
        return sessionId;
    }

    @Override
    public int firmId()
    {
        return firmId;
    }

    @Override
    public int instrumentId()
    {
        return instrument.id;
    }

    @Override
    public ClientOrderId clOrdId()
    {
        return clOrdId;
    }

    @Override
    public ClientOrderId origClOrdId()
    {
        return origClOrdId;
    }

    @Override
    public Side side()
    {
        return side;
    }

    @Override
    public OrdType ordType()
    {
        return ordType;
    }

    @Override
    public TimeInForce timeInForce()
    {
        return timeInForce;
    }

    @Override
    public long quantity()
    {
        return quantity;
    }

    @Override
    public long price()
    {
        return price;
    }

    @Override
    public long stopPrice()
    {
        return stopPrice;
    }

    @Override
    public long cumQty()
    {
        return cumQty;
    }

    @Override
    public long leavesQty()
    {
        return leavesQty;
    }

    @Override
    public long cumNotional()
    {
        return cumNotional;
    }

    @Override
    public long avgPx()
    {
        return cumQty == 0 ? 0 : (cumNotional + cumQty / 2) / cumQty;
    }

    @Override
    public long displayQty()
    {
        return displayQty;
    }

    @Override
    public long maxFloor()
    {
        return maxFloor;
    }

    @Override
    public long minQty()
    {
        return minQty;
    }

    @Override
    public long expireTime()
    {
        return expireTime;
    }

    @Override
    public boolean postOnly()
    {
        return postOnly;
    }

    @Override
    public SelfTradePrevention selfTradePrevention()
    {
        return selfTradePrevention;
    }

    @Override
    public boolean triggered()
    {
        return triggered;
    }

    @Override
    public long entryTimestamp()
    {
        return entryTimestamp;
    }

    @Override
    public boolean isDone()
    {
        return done;
    }

    @Override
    public String toString()
    {
        return "Order{id=" + orderId + " session=" + sessionId + " clOrdId=" + clOrdId + " " + side + " " + ordType +
            " " + timeInForce + " qty=" + quantity + " px=" + Price.toString(price) + " leaves=" + leavesQty +
            " cum=" + cumQty + " display=" + displayQty + "}";
    }
}
