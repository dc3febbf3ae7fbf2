package io.bourse.exchange.engine;

import io.bourse.codecs.types.OrdType;
import io.bourse.codecs.types.Side;
import io.bourse.codecs.types.TimeInForce;

/**
 * Read-only view of an order as the engine holds it. Views passed to {@link EngineListener} are only valid
 * during the callback: the engine reuses order objects once they are done.
 */
public interface OrderView
{
    long orderId();

    int sessionId();

    int firmId();

    int instrumentId();

    ClientOrderId clOrdId();

    /** The ClOrdID the order had before its last replace; empty if never replaced. */
    ClientOrderId origClOrdId();

    Side side();

    /** The type as entered: a triggered stop still reports STOP / STOP_LIMIT. */
    OrdType ordType();

    TimeInForce timeInForce();

    /** OrderQty: the total quantity (after replaces). */
    long quantity();

    /** Limit price, or {@link io.bourse.codecs.types.Price#NONE} for market and (untriggered) stop orders. */
    long price();

    long stopPrice();

    long cumQty();

    long leavesQty();

    /** Sum over fills of price x quantity, kept to compute AvgPx without rounding drift. */
    long cumNotional();

    /** Average fill price (scaled), 0 before the first fill. */
    long avgPx();

    /** Quantity visible on the book now (the iceberg slice, or leaves for a plain order; 0 while off-book). */
    long displayQty();

    long maxFloor();

    long minQty();

    long expireTime();

    boolean postOnly();

    SelfTradePrevention selfTradePrevention();

    /** True once a stop order has been triggered (or always for non-stop orders). */
    boolean triggered();

    /** Timestamp of the command that created the order. */
    long entryTimestamp();

    /** True when the order is filled or cancelled. */
    boolean isDone();
}
