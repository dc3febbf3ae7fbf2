package io.bourse.exchange.engine;

import io.bourse.codecs.types.OrdType;
import io.bourse.codecs.types.Price;
import io.bourse.codecs.types.Side;
import io.bourse.codecs.types.TimeInForce;

/**
 * One input to the engine. A mutable holder, reused by the producer: the engine reads it during
 * {@link MatchingEngine#process(Command)} and keeps no reference to it afterwards.
 *
 * <p>Which fields matter depends on {@link #type()}:
 * <ul>
 * <li>NEW_ORDER: session, firm, instrument, clOrdId, side, ordType, timeInForce, quantity, price (limit types),
 *     stopPrice (stop types), minQty, maxFloor, expireTime (GTD), postOnly, selfTradePrevention.</li>
 * <li>CANCEL: session, instrument, orderId or origClOrdId (orderId wins when non-zero), clOrdId of the request.</li>
 * <li>REPLACE: as CANCEL to find the order, plus the new clOrdId, quantity, price, stopPrice, maxFloor.</li>
 * <li>MASS_CANCEL: session (0 = all sessions), instrument (0 = all instruments), dayOnly.</li>
 * <li>SET_PHASE: instrument, phase. HALT / RESUME: instrument. SET_REFERENCE_PRICE: instrument, price.</li>
 * <li>TIMER_TICK: only the timestamp.</li>
 * </ul>
 * Every command carries a timestamp (epoch nanoseconds) given by whoever sequences the input: the engine
 * never reads a clock, which keeps it deterministic.
 */
public final class Command
{
    private CommandType type;
    private long timestamp;
    private int sessionId;
    private int firmId;
    private int instrumentId;
    private final ClientOrderId clOrdId = new ClientOrderId();
    private final ClientOrderId origClOrdId = new ClientOrderId();
    private long orderId;
    private Side side;
    private OrdType ordType;
    private TimeInForce timeInForce;
    private long quantity;
    private long price;
    private long stopPrice;
    private long minQty;
    private long maxFloor;
    private long expireTime;
    private boolean postOnly;
    private SelfTradePrevention selfTradePrevention;
    private TradingPhase phase;
    private boolean dayOnly;

    public Command()
    {
        reset(CommandType.TIMER_TICK);
    }

    /** Clears every field and sets the type; the first call of each producer's encode. */
    public Command reset(final CommandType type)
    {
        this.type = type;
        timestamp = 0;
        sessionId = 0;
        firmId = 0;
        instrumentId = 0;
        clOrdId.clear();
        origClOrdId.clear();
        orderId = 0;
        side = Side.BUY;
        ordType = OrdType.LIMIT;
        timeInForce = TimeInForce.DAY;
        quantity = 0;
        price = Price.NONE;
        stopPrice = Price.NONE;
        minQty = 0;
        maxFloor = 0;
        expireTime = 0;
        postOnly = false;
        selfTradePrevention = SelfTradePrevention.NONE;
        phase = TradingPhase.CONTINUOUS;
        dayOnly = false;
        return this;
    }

    public CommandType type()
    {
        return type;
    }

    public long timestamp()
    {
        return timestamp;
    }

    public Command timestamp(final long timestamp)
    {
        this.timestamp = timestamp;
        return this;
    }

    public int sessionId()
    {
        return sessionId;
    }

    public Command sessionId(final int sessionId)
    {
        this.sessionId = sessionId;
        return this;
    }

    /** The self-trade prevention group; 0 means no group (never a self trade). */
    public int firmId()
    {
        return firmId;
    }

    public Command firmId(final int firmId)
    {
        this.firmId = firmId;
        return this;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public Command instrumentId(final int instrumentId)
    {
        this.instrumentId = instrumentId;
        return this;
    }

    public ClientOrderId clOrdId()
    {
        return clOrdId;
    }

    public Command clOrdId(final CharSequence value)
    {
        clOrdId.set(value);
        return this;
    }

    public Command clOrdId(final long value)
    {
        clOrdId.set(value);
        return this;
    }

    public ClientOrderId origClOrdId()
    {
        return origClOrdId;
    }

    public Command origClOrdId(final CharSequence value)
    {
        origClOrdId.set(value);
        return this;
    }

    public Command origClOrdId(final long value)
    {
        origClOrdId.set(value);
        return this;
    }

    public long orderId()
    {
        return orderId;
    }

    public Command orderId(final long orderId)
    {
        this.orderId = orderId;
        return this;
    }

    public Side side()
    {
        return side;
    }

    public Command side(final Side side)
    {
        this.side = side;
        return this;
    }

    public OrdType ordType()
    {
        return ordType;
    }

    public Command ordType(final OrdType ordType)
    {
        this.ordType = ordType;
        return this;
    }

    public TimeInForce timeInForce()
    {
        return timeInForce;
    }

    public Command timeInForce(final TimeInForce timeInForce)
    {
        this.timeInForce = timeInForce;
        return this;
    }

    public long quantity()
    {
        return quantity;
    }

    public Command quantity(final long quantity)
    {
        this.quantity = quantity;
        return this;
    }

    /** Limit price (scaled, see {@link Price}), or {@link Price#NONE}. */
    public long price()
    {
        return price;
    }

    public Command price(final long price)
    {
        this.price = price;
        return this;
    }

    public long stopPrice()
    {
        return stopPrice;
    }

    public Command stopPrice(final long stopPrice)
    {
        this.stopPrice = stopPrice;
        return this;
    }

    public long minQty()
    {
        return minQty;
    }

    public Command minQty(final long minQty)
    {
        this.minQty = minQty;
        return this;
    }

    /** Iceberg display size; 0 means the whole order is displayed. */
    public long maxFloor()
    {
        return maxFloor;
    }

    public Command maxFloor(final long maxFloor)
    {
        this.maxFloor = maxFloor;
        return this;
    }

    /** GTD expiry, epoch nanoseconds. */
    public long expireTime()
    {
        return expireTime;
    }

    public Command expireTime(final long expireTime)
    {
        this.expireTime = expireTime;
        return this;
    }

    public boolean postOnly()
    {
        return postOnly;
    }

    public Command postOnly(final boolean postOnly)
    {
        this.postOnly = postOnly;
        return this;
    }

    public SelfTradePrevention selfTradePrevention()
    {
        return selfTradePrevention;
    }

    public Command selfTradePrevention(final SelfTradePrevention selfTradePrevention)
    {
        this.selfTradePrevention = selfTradePrevention;
        return this;
    }

    public TradingPhase phase()
    {
        return phase;
    }

    public Command phase(final TradingPhase phase)
    {
        this.phase = phase;
        return this;
    }

    /** MASS_CANCEL only: cancel Day orders only (cancel-on-disconnect). */
    public boolean dayOnly()
    {
        return dayOnly;
    }

    public Command dayOnly(final boolean dayOnly)
    {
        this.dayOnly = dayOnly;
        return this;
    }

    /** Copies every field of {@code other}; used by tests and the journal reader. */
    public Command copyFrom(final Command other)
    {
        type = other.type;
        timestamp = other.timestamp;
        sessionId = other.sessionId;
        firmId = other.firmId;
        instrumentId = other.instrumentId;
        clOrdId.copyFrom(other.clOrdId);
        origClOrdId.copyFrom(other.origClOrdId);
        orderId = other.orderId;
        side = other.side;
        ordType = other.ordType;
        timeInForce = other.timeInForce;
        quantity = other.quantity;
        price = other.price;
        stopPrice = other.stopPrice;
        minQty = other.minQty;
        maxFloor = other.maxFloor;
        expireTime = other.expireTime;
        postOnly = other.postOnly;
        selfTradePrevention = other.selfTradePrevention;
        phase = other.phase;
        dayOnly = other.dayOnly;
        return this;
    }

    @Override
    public String toString()
    {
        return "Command{" + type + " ts=" + timestamp + " session=" + sessionId + " firm=" + firmId +
            " instrument=" + instrumentId + " clOrdId=" + clOrdId + " origClOrdId=" + origClOrdId +
            " orderId=" + orderId + " " + side + " " + ordType + " " + timeInForce + " qty=" + quantity +
            " px=" + Price.toString(price) + " stopPx=" + Price.toString(stopPrice) + " minQty=" + minQty +
            " maxFloor=" + maxFloor + " expire=" + expireTime + " postOnly=" + postOnly +
            " stp=" + selfTradePrevention + " phase=" + phase + " dayOnly=" + dayOnly + "}";
    }
}
