package io.bourse.exchange.fix;

import io.bourse.exchange.engine.OrderView;

/** FIX 4.2 OrdStatus(39) of an order as the engine reports it. */
final class OrderStatus
{
    static final char NEW = '0';
    static final char PARTIALLY_FILLED = '1';
    static final char FILLED = '2';
    static final char CANCELED = '4';
    static final char EXPIRED = 'C';

    private OrderStatus()
    {
    }

    static char of(final OrderView order, final boolean cancelled)
    {
        if (cancelled)
        {
            return CANCELED;
        }
        if (order.leavesQty() == 0 && order.cumQty() > 0)
        {
            return FILLED;
        }
        return order.cumQty() > 0 ? PARTIALLY_FILLED : NEW;
    }
}
