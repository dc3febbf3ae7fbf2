package io.bourse.exchange.engine;

/** Live GTD orders ordered by expire time, then OrderID, so timer ticks expire them in a reproducible order. */
final class ExpiryQueue extends SortedOrders
{
    @Override
    boolean ranksBefore(final Order a, final Order b)
    {
        if (a.expireTime != b.expireTime)
        {
            return a.expireTime < b.expireTime;
        }
        return a.orderId < b.orderId;
    }

    @Override
    void onMembershipChanged(final Order order, final boolean member)
    {
        order.inExpiryQueue = member;
    }
}
