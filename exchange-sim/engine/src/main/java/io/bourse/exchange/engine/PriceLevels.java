package io.bourse.exchange.engine;

/**
 * The price levels of one side of one book, ordered best first. The two implementations differ only in how
 * they find and order levels; FIFO queues live in {@link PriceLevel} and matching in {@link MatchingEngine}.
 */
interface PriceLevels
{
    /** @return the best level, or null when the side is empty. */
    PriceLevel best();

    /** @return the level at exactly this price, or null. */
    PriceLevel find(long price);

    /** Inserts an empty level (initialised by the caller) that must not exist yet. */
    void insert(PriceLevel level);

    /** Removes a level that exists. */
    void remove(PriceLevel level);

    /** @return the next level away from the best, or null. */
    PriceLevel nextWorse(PriceLevel level);

    int size();
}
