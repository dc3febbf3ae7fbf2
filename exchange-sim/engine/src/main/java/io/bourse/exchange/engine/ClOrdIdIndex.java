package io.bourse.exchange.engine;

/**
 * Live orders by (session, ClOrdID): finds an order named by OrigClOrdID and refuses duplicate ClOrdIDs.
 * Chained through {@link Order#clOrdIdChain}, so adding and removing never allocates; the bucket array
 * doubles when the load passes 1.
 */
final class ClOrdIdIndex
{
    private Order[] buckets = new Order[1 << 14];
    private int mask = buckets.length - 1;
    private int size;

    int size()
    {
        return size;
    }

    Order find(final int sessionId, final ClientOrderId clOrdId)
    {
        final int hash = clOrdId.contentHash();
        Order order = buckets[bucket(sessionId, hash)];
        while (order != null)
        {
            if (order.clOrdIdHash == hash && order.sessionId == sessionId && order.clOrdId.contentEquals(clOrdId))
            {
                return order;
            }
            order = order.clOrdIdChain;
        }
        return null;
    }

    void add(final Order order)
    {
        if (size >= buckets.length)
        {
            grow();
        }
        order.clOrdIdHash = order.clOrdId.contentHash();
        final int index = bucket(order.sessionId, order.clOrdIdHash);
        order.clOrdIdChain = buckets[index];
        buckets[index] = order;
        size++;
    }

    void remove(final Order order)
    {
        final int index = bucket(order.sessionId, order.clOrdIdHash);
        Order previous = null;
        Order current = buckets[index];
        while (current != null)
        {
            if (current == order)
            {
                if (previous == null)
                {
                    buckets[index] = current.clOrdIdChain;
                }
                else
                {
                    previous.clOrdIdChain = current.clOrdIdChain;
                }
                order.clOrdIdChain = null;
                size--;
                return;
            }
            previous = current;
            current = current.clOrdIdChain;
        }
        throw new IllegalStateException("order not indexed: " + order);
    }

    private int bucket(final int sessionId, final int clOrdIdHash)
    {
        final int h = clOrdIdHash * 31 + sessionId;
        return (h ^ (h >>> 16)) & mask;
    }

    private void grow()
    {
        final Order[] old = buckets;
        buckets = new Order[old.length * 2];
        mask = buckets.length - 1;
        for (Order head : old)
        {
            while (head != null)
            {
                final Order next = head.clOrdIdChain;
                final int index = bucket(head.sessionId, head.clOrdIdHash);
                head.clOrdIdChain = buckets[index];
                buckets[index] = head;
                head = next;
            }
        }
    }
}
