package io.bourse.exchange.engine;

/** Live GTD orders ordered by expire time, then OrderID, so timer ticks expire them in a reproducible order. */
final class ExpiryQueue
{
    private Order[] orders = new Order[16];
    private int size;

    int size()
    {
        return size;
    }

    Order first()
    {
        return size == 0 ? null : orders[0];
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
        order.inExpiryQueue = true;
    }

    void remove(final Order order)
    {
        for (int i = 0; i < size; i++)
        {
            if (orders[i] == order)
            {
                System.arraycopy(orders, i + 1, orders, i, size - i - 1);
                orders[--size] = null;
                order.inExpiryQueue = false;
                return;
            }
        }
        throw new IllegalStateException("GTD order not found: " + order.orderId);
    }

    private static boolean ranksBefore(final Order a, final Order b)
    {
        if (a.expireTime != b.expireTime)
        {
            return a.expireTime < b.expireTime;
        }
        return a.orderId < b.orderId;
    }
}
