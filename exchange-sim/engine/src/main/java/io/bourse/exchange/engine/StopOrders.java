package io.bourse.exchange.engine;

import io.bourse.codecs.types.Side;

/**
 * Untriggered stop orders of one side of one instrument, in trigger order: buy stops by ascending stop price
 * (the lowest triggers first as the price rises), sell stops by descending stop price, then by OrderID
 * (arrival). OrderID rather than an arrival counter keeps the order reproducible from a snapshot.
 */
final class StopOrders
{
    private final boolean buys;
    private Order[] orders = new Order[16];
    private int size;

    StopOrders(final Side side)
    {
        buys = side == Side.BUY;
    }

    int size()
    {
        return size;
    }

    Order get(final int index)
    {
        return orders[index];
    }

    /** @return the next stop to trigger, or null. */
    Order first()
    {
        return size == 0 ? null : orders[0];
    }

    /** True when the first stop triggers at this last trade price. */
    boolean firstTriggersAt(final long lastTradePrice)
    {
        if (size == 0)
        {
            return false;
        }
        final long stop = orders[0].stopPrice;
        return buys ? lastTradePrice >= stop : lastTradePrice <= stop;
    }

    void add(final Order order)
    {
        if (size == orders.length)
        {
            final Order[] grown = new Order[orders.length * 2];
            System.arraycopy(orders, 0, grown, 0, size);
            orders = grown;
        }
        int index = size;
        while (index > 0 && ranksBefore(order, orders[index - 1]))
        {
            orders[index] = orders[index - 1];
            index--;
        }
        orders[index] = order;
        size++;
        order.inStopBook = true;
    }

    void remove(final Order order)
    {
        for (int i = 0; i < size; i++)
        {
            if (orders[i] == order)
            {
                System.arraycopy(orders, i + 1, orders, i, size - i - 1);
                orders[--size] = null;
                order.inStopBook = false;
                return;
            }
        }
        throw new IllegalStateException("stop order not found: " + order.orderId);
    }

    private boolean ranksBefore(final Order a, final Order b)
    {
        if (a.stopPrice != b.stopPrice)
        {
            return buys ? a.stopPrice < b.stopPrice : a.stopPrice > b.stopPrice;
        }
        return a.orderId < b.orderId;
    }
}
