package io.bourse.exchange.engine;

/** Which price-level store backs each instrument's book. Both give identical events for identical input. */
public enum BookType
{
    /** TreeMap of price levels: obviously correct, the oracle in tests. */
    REFERENCE,
    /** Sorted array of levels with the best price at the end, pooled levels: the production book. */
    FAST
}
