package io.bourse.exchange.engine;

import io.bourse.codecs.types.Side;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The reference store: a TreeMap keyed so that its first entry is the best price. Allocates; obviously right. */
final class TreeMapPriceLevels implements PriceLevels
{
    private final TreeMap<Long, PriceLevel> levels;

    TreeMapPriceLevels(final Side side)
    {
        levels = side == Side.BUY ? new TreeMap<>(Collections.reverseOrder()) : new TreeMap<>();
    }

    @Override
    public PriceLevel best()
    {
        final Map.Entry<Long, PriceLevel> entry = levels.firstEntry();
        return entry == null ? null : entry.getValue();
    }

    @Override
    public PriceLevel find(final long price)
    {
        return levels.get(price);
    }

    @Override
    public void insert(final PriceLevel level)
    {
        if (levels.putIfAbsent(level.price, level) != null)
        {
            throw new IllegalStateException("level exists: " + level.price);
        }
    }

    @Override
    public void remove(final PriceLevel level)
    {
        levels.remove(level.price);
    }

    @Override
    public PriceLevel nextWorse(final PriceLevel level)
    {
        final Map.Entry<Long, PriceLevel> entry = levels.higherEntry(level.price);
        return entry == null ? null : entry.getValue();
    }

    @Override
    public int size()
    {
        return levels.size();
    }
}
