package io.bourse.exchange.engine;

import io.bourse.codecs.types.Side;

/**
 * The fast store: levels in an array sorted worst to best, so the best level is the last element (O(1)) and the
 * levels that change most (near the touch) sit where inserting and removing shifts the fewest elements. The sort
 * keys live in a parallel {@code long[]}, so searching reads one dense array instead of chasing level objects.
 * Allocates only when the arrays have to grow.
 */
final class SortedArrayPriceLevels implements PriceLevels
{
    /** Most lookups hit the top few levels: scan these from the best end before bisecting the rest. */
    private static final int LINEAR_SCAN = 8;

    private final boolean bids;
    private PriceLevel[] levels = new PriceLevel[256];
    private long[] keys = new long[256];
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
        final long key = key(level.price);
        final int index = indexOf(key);
        if (index >= 0)
        {
            throw new IllegalStateException("level exists: " + level.price);
        }
        final int insertAt = -(index + 1);
        if (size == levels.length)
        {
            grow();
        }
        System.arraycopy(levels, insertAt, levels, insertAt + 1, size - insertAt);
        System.arraycopy(keys, insertAt, keys, insertAt + 1, size - insertAt);
        levels[insertAt] = level;
        keys[insertAt] = key;
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
        System.arraycopy(keys, index + 1, keys, index, size - index - 1);
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

    private void grow()
    {
        final PriceLevel[] grownLevels = new PriceLevel[levels.length * 2];
        final long[] grownKeys = new long[keys.length * 2];
        System.arraycopy(levels, 0, grownLevels, 0, size);
        System.arraycopy(keys, 0, grownKeys, 0, size);
        levels = grownLevels;
        keys = grownKeys;
    }

    /** @return the index of the key, or -(insertion point) - 1. */
    private int indexOf(final long key)
    {
        final long[] keys = this.keys;
        final int linearFloor = Math.max(0, size - LINEAR_SCAN);
        for (int i = size - 1; i >= linearFloor; i--)
        {
            final long k = keys[i];
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
        int high = linearFloor - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long k = keys[mid];
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
