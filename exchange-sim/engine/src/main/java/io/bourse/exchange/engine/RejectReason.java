package io.bourse.exchange.engine;

/**
 * Why a command was refused. The engine never throws for bad input: it answers with one of these.
 * The ordinal is journaled in snapshots and events: append only.
 */
public enum RejectReason
{
    UNKNOWN_INSTRUMENT,
    INVALID_QUANTITY,
    INVALID_LOT_SIZE,
    INVALID_PRICE,
    INVALID_TICK_SIZE,
    PRICE_OUT_OF_BAND,
    MISSING_STOP_PRICE,
    INVALID_MIN_QTY,
    INVALID_MAX_FLOOR,
    INVALID_EXPIRE_TIME,
    DUPLICATE_CLORDID,
    INVALID_CLORDID,
    UNKNOWN_ORDER,
    /** The order exists but belongs to another session; answered like an unknown order on the wire. */
    NOT_OWNER,
    MARKET_CLOSED,
    NOT_ALLOWED_IN_PHASE,
    POST_ONLY_WOULD_TAKE,
    UNSUPPORTED_ORDER_TYPE,
    /** A replace tried to change something that cannot change (side, instrument, order type). */
    REPLACE_NOT_ALLOWED,
    INVALID_COMMAND;

    private static final RejectReason[] VALUES = values();

    public static RejectReason fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
