package io.bourse.exchange.engine;

import io.bourse.codecs.types.Side;

/** All orders resting at one price on one side, oldest first (an intrusive doubly linked FIFO). Pooled. */
final class PriceLevel
{
    int instrumentId;
    Side side;
    long price;
    Order head;
    Order tail;
    int orderCount;
    /** Sum of the orders' displayed quantities: what L2 shows. */
    long displayedQty;
    /** Sum of the orders' open quantities, hidden iceberg quantity included. */
    long totalQty;

    void init(final int instrumentId, final Side side, final long price)
    {
        this.instrumentId = instrumentId;
        this.side = side;
        this.price = price;
        head = null;
        tail = null;
        orderCount = 0;
        displayedQty = 0;
        totalQty = 0;
    }

    boolean isEmpty()
    {
        return head == null;
    }

    void append(final Order order)
    {
        order.level = this;
        order.next = null;
        order.prev = tail;
        if (tail == null)
        {
            head = order;
        }
        else
        {
            tail.next = order;
        }
        tail = order;
        orderCount++;
        displayedQty += order.displayQty;
        totalQty += order.leavesQty;
    }

    void unlink(final Order order)
    {
        final Order prev = order.prev;
        final Order next = order.next;
        if (prev == null)
        {
            head = next;
        }
        else
        {
            prev.next = next;
        }
        if (next == null)
        {
            tail = prev;
        }
        else
        {
            next.prev = prev;
        }
        order.prev = null;
        order.next = null;
        order.level = null;
        orderCount--;
        displayedQty -= order.displayQty;
        totalQty -= order.leavesQty;
    }
}
