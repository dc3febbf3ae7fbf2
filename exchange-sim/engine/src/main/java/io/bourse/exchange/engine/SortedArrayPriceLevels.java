package io.bourse.exchange.engine;

import io.bourse.codecs.types.Side;

/**
 * The fast store: levels in an array sorted worst to best, so the best level is the last element (O(1)) and the
 * levels that change most (near the touch) sit where inserting and removing shifts the fewest elements.
 * Allocates only when the array has to grow.
 */
final class SortedArrayPriceLevels implements PriceLevels
{
    private final boolean bids;
    private PriceLevel[] levels = new PriceLevel[256];
    private int size;

    SortedArrayPriceLevels(final Side side)
    {
        bids = side == Side.BUY;
    }

    /** Sort key, ascending from worst to best on both sides. */
    private long key(final long price)
    {
        return bids ? price : -price;
    }

    @Override
    public PriceLevel best()
    {
        return size == 0 ? null : levels[size - 1];
    }

    @Override
    public PriceLevel find(final long price)
    {
        final int index = indexOf(key(price));
        return index >= 0 ? levels[index] : null;
    }

    @Override
    public void insert(final PriceLevel level)
    {
        final int index = indexOf(key(level.price));
        if (index >= 0)
        {
            throw new IllegalStateException("level exists: " + level.price);
        }
        final int insertAt = -(index + 1);
        if (size == levels.length)
        {
            final PriceLevel[] grown = new PriceLevel[levels.length * 2];
            System.arraycopy(levels, 0, grown, 0, size);
            levels = grown;
        }
        System.arraycopy(levels, insertAt, levels, insertAt + 1, size - insertAt);
        levels[insertAt] = level;
        size++;
    }

    @Override
    public void remove(final PriceLevel level)
    {
        final int index = indexOf(key(level.price));
        if (index < 0)
        {
            throw new IllegalStateException("no level at " + level.price);
        }
        System.arraycopy(levels, index + 1, levels, index, size - index - 1);
        levels[--size] = null;
    }

    @Override
    public PriceLevel nextWorse(final PriceLevel level)
    {
        final int index = indexOf(key(level.price));
        return index > 0 ? levels[index - 1] : null;
    }

    @Override
    public int size()
    {
        return size;
    }

    /**
     * Binary search that starts at the best end: most lookups hit the top few levels, so those are checked
     * first before falling back to bisection. Returns the index, or -(insertion point) - 1.
     */
    private int indexOf(final long key)
    {
        int high = size - 1;
        final int linearFloor = Math.max(0, size - 8);
        for (int i = high; i >= linearFloor; i--)
        {
            final long k = key(levels[i].price);
            if (k == key)
            {
                return i;
            }
            if (k < key)
            {
                return -(i + 1) - 1;
            }
        }
        int low = 0;
        high = linearFloor - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long k = key(levels[mid].price);
            if (k < key)
            {
                low = mid + 1;
            }
            else if (k > key)
            {
                high = mid - 1;
            }
            else
            {
                return mid;
            }
        }
        return -(low + 1);
    }
}
