package io.bourse.exchange.engine;

/** Why an order left the book without being filled. The ordinal is journaled: append only. */
public enum CancelReason
{
    /** The owner asked (OrderCancelRequest). */
    USER,
    /** The part of an IOC (or market) order that could not trade at once. */
    IOC_REMAINDER,
    /** A fill-or-kill order that could not fill completely at once. */
    FOK,
    /** An order whose MinQty could not be met on entry. */
    MIN_QTY,
    /** Self-trade prevention. */
    SELF_TRADE,
    /** Immediate orders that arrive while the instrument is halted. */
    HALT,
    /** A GTD order whose ExpireTime was reached. */
    EXPIRY,
    /** A Day order at the close. */
    END_OF_DAY,
    /** A mass cancel by session or instrument (also cancel-on-disconnect). */
    MASS_CANCEL,
    /** A market order, or a remainder, that the price collar stopped from trading further. */
    PRICE_COLLAR;

    private static final CancelReason[] VALUES = values();

    public static CancelReason fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
