package io.bourse.exchange.engine;

/**
 * What happens when an incoming order would trade against a resting order of the same firm. The mode is
 * the incoming order's. The ordinal is journaled: append only.
 */
public enum SelfTradePrevention
{
    /** Self trades are allowed. */
    NONE,
    /** Cancel the incoming order's remaining quantity; the resting order stays. */
    CANCEL_NEWEST,
    /** Cancel the resting order and go on matching the incoming one. */
    CANCEL_OLDEST,
    /** Cancel both. */
    CANCEL_BOTH,
    /** Reduce both by the smaller open quantity without a trade; an order reduced to zero is cancelled. */
    DECREMENT;

    private static final SelfTradePrevention[] VALUES = values();

    public static SelfTradePrevention fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
