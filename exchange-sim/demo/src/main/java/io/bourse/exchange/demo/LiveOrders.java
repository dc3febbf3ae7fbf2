package io.bourse.exchange.demo;

import io.bourse.exchange.engine.OrderView;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The demo participants' open orders, kept from the engine's events, so every cancel and replace the flow sends names
 * an order that is really live (as a firm's OMS would know). Not a hot path: plain collections.
 */
final class LiveOrders
{
    private long[] orderIds = new long[1024];
    private int size;
    private final Map<Long, Integer> indexById = new HashMap<>();
    private final Map<Long, Integer> sessionById = new HashMap<>();

    void onLive(final OrderView order)
    {
        if (indexById.containsKey(order.orderId()))
        {
            return;
        }
        if (size == orderIds.length)
        {
            final long[] grown = new long[size * 2];
            System.arraycopy(orderIds, 0, grown, 0, size);
            orderIds = grown;
        }
        indexById.put(order.orderId(), size);
        sessionById.put(order.orderId(), order.sessionId());
        orderIds[size++] = order.orderId();
    }

    void onDone(final long orderId)
    {
        final Integer index = indexById.remove(orderId);
        if (index == null)
        {
            return;
        }
        sessionById.remove(orderId);
        final long last = orderIds[--size];
        if (index < size)
        {
            orderIds[index] = last;
            indexById.put(last, index);
        }
    }

    int size()
    {
        return size;
    }

    /** @return a random live order id, or 0 when there is none. */
    long pick(final SplittableRandom random)
    {
        return size == 0 ? 0 : orderIds[random.nextInt(size)];
    }

    int sessionOf(final long orderId)
    {
        return sessionById.getOrDefault(orderId, 0);
    }
}
