package io.bourse.exchange.engine;

import io.bourse.codecs.types.Side;

/**
 * Untriggered stop orders of one side of one instrument, in trigger order: buy stops by ascending stop price
 * (the lowest triggers first as the price rises), sell stops by descending stop price, then by OrderID
 * (arrival). OrderID rather than an arrival counter keeps the order reproducible from a snapshot.
 */
final class StopOrders extends SortedOrders
{
    private final boolean buys;

    StopOrders(final Side side)
    {
        buys = side == Side.BUY;
    }

    /** True when the first stop triggers at this last trade price. */
    boolean firstTriggersAt(final long lastTradePrice)
    {
        final Order first = first();
        if (first == null)
        {
            return false;
        }
        return buys ? lastTradePrice >= first.stopPrice : lastTradePrice <= first.stopPrice;
    }

    @Override
    boolean ranksBefore(final Order a, final Order b)
    {
        if (a.stopPrice != b.stopPrice)
        {
            return buys ? a.stopPrice < b.stopPrice : a.stopPrice > b.stopPrice;
        }
        return a.orderId < b.orderId;
    }

    @Override
    void onMembershipChanged(final Order order, final boolean member)
    {
        order.inStopBook = member;
    }
}
