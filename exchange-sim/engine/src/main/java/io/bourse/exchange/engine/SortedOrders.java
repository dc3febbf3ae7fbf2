package io.bourse.exchange.engine;

/**
 * A small array of orders kept in a fixed ranking (insertion by shifting, removal by scan): the untriggered stops
 * and the GTD orders, which are few and off the hot path. Subclasses define the ranking and mark membership.
 */
abstract class SortedOrders
{
    private Order[] orders = new Order[16];
    private int size;

    final int size()
    {
        return size;
    }

    final Order get(final int index)
    {
        return orders[index];
    }

    /** @return the first-ranked order, or null. */
    final Order first()
    {
        return size == 0 ? null : orders[0];
    }

    final void add(final Order order)
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
        onMembershipChanged(order, true);
    }

    final void remove(final Order order)
    {
        for (int i = 0; i < size; i++)
        {
            if (orders[i] == order)
            {
                System.arraycopy(orders, i + 1, orders, i, size - i - 1);
                orders[--size] = null;
                onMembershipChanged(order, false);
                return;
            }
        }
        throw new IllegalStateException("order not queued: " + order.orderId);
    }

    /** True when {@code a} must come before {@code b}; ties must be broken by something in the input. */
    abstract boolean ranksBefore(Order a, Order b);

    /** Records on the order whether it is in this queue, so removal can be skipped when it is not. */
    abstract void onMembershipChanged(Order order, boolean member);
}
