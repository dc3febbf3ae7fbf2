package io.bourse.exchange.bench;

/**
 * A command stream held as primitive arrays, one slot per command, already in the engine's terms (scaled prices,
 * instrument and session ids, the quantity a replace asks for). Building it is the slow part and happens before any
 * clock starts; a replay only copies one slot into a reused {@link io.bourse.exchange.engine.Command}.
 *
 * <p>Orders are named by a <em>reference</em>: 1, 2, 3... in the order the stream creates them. A cancel or replace
 * names its target by that reference; the replayer maps it to the engine's OrderID at run time.
 */
public final class Workload
{
    public static final byte NEW_LIMIT = 0;
    public static final byte NEW_LIMIT_IOC = 1;
    public static final byte NEW_MARKET = 2;
    public static final byte CANCEL = 3;
    public static final byte REPLACE = 4;

    public static final byte BUY = 0;
    public static final byte SELL = 1;

    /** Commands [0, prefillCount) build the book and are not timed. */
    public final int prefillCount;
    public final int size;
    public final int instrumentCount;

    public final byte[] kind;
    public final byte[] side;
    public final int[] instrumentId;
    public final int[] sessionId;
    /** NEW_*: the reference of the order created; CANCEL / REPLACE: the reference of the target. */
    public final int[] orderRef;
    /** Limit price (scaled), or the new price of a replace; unused for cancels and market orders. */
    public final long[] price;
    /** NEW_*: order quantity; REPLACE: the new total quantity (filled quantity included). */
    public final long[] quantity;
    /** ClOrdID of the request as a number: new orders and replaces make it the order's id. */
    public final long[] clOrdId;

    private int maxOrderRef;

    /** An empty stream of {@code size} commands; a parser or generator fills every slot with {@link #set}. */
    Workload(final int size, final int prefillCount, final int instrumentCount)
    {
        if (prefillCount > size)
        {
            throw new IllegalArgumentException("prefill " + prefillCount + " exceeds the " + size + " commands");
        }
        this.prefillCount = prefillCount;
        this.size = size;
        this.instrumentCount = instrumentCount;
        kind = new byte[size];
        side = new byte[size];
        instrumentId = new int[size];
        sessionId = new int[size];
        orderRef = new int[size];
        price = new long[size];
        quantity = new long[size];
        clOrdId = new long[size];
    }

    void set(
        final int index,
        final byte kind,
        final byte side,
        final int instrumentId,
        final int sessionId,
        final int orderRef,
        final long price,
        final long quantity,
        final long clOrdId)
    {
        this.kind[index] = kind;
        this.side[index] = side;
        this.instrumentId[index] = instrumentId;
        this.sessionId[index] = sessionId;
        this.orderRef[index] = orderRef;
        this.price[index] = price;
        this.quantity[index] = quantity;
        this.clOrdId[index] = clOrdId;
        maxOrderRef = Math.max(maxOrderRef, orderRef);
    }

    /** The highest order reference used; references run from 1. */
    public int maxOrderRef()
    {
        return maxOrderRef;
    }

    public int measuredCount()
    {
        return size - prefillCount;
    }

    /** Counts of each kind among the measured commands, indexed by the kind constants. */
    public long[] measuredMix()
    {
        final long[] counts = new long[REPLACE + 1];
        for (int i = prefillCount; i < size; i++)
        {
            counts[kind[i]]++;
        }
        return counts;
    }
}
