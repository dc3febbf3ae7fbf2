package io.bourse.exchange.engine;

/**
 * The scheduled phase of an instrument. A halt is not a phase: it is a flag on top of the phase
 * (see {@link InstrumentStatus}), so that resuming knows where to go back to.
 */
public enum TradingPhase
{
    /** Orders accepted, no matching. */
    PRE_OPEN(true, false),
    /** Opening call: orders accepted, no matching; leaving it uncrosses the book. */
    OPENING_AUCTION(true, false),
    /** Continuous matching. */
    CONTINUOUS(true, true),
    /** Closing call: orders accepted, no matching; leaving it uncrosses the book. */
    CLOSING_AUCTION(true, false),
    /** No new orders; cancels still allowed. Entering it expires Day orders. */
    CLOSED(false, false);

    private static final TradingPhase[] VALUES = values();

    private final boolean acceptsOrders;
    private final boolean matches;

    TradingPhase(final boolean acceptsOrders, final boolean matches)
    {
        this.acceptsOrders = acceptsOrders;
        this.matches = matches;
    }

    public boolean acceptsOrders()
    {
        return acceptsOrders;
    }

    public boolean matchesContinuously()
    {
        return matches;
    }

    public boolean isCall()
    {
        return this == PRE_OPEN || this == OPENING_AUCTION || this == CLOSING_AUCTION;
    }

    public static TradingPhase fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
