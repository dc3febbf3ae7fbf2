package io.bourse.exchange.bench;

import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.EngineListener;
import io.bourse.exchange.engine.OrderView;
import io.bourse.exchange.engine.RejectReason;

/**
 * The cheapest useful listener: it remembers the engine's OrderID of each order the workload creates (so cancels
 * and replaces can name it) and counts refusals. Trades are counted by the engine itself. Nothing here allocates
 * unless a command is refused, which a correct run never does.
 */
class BenchListener implements EngineListener
{
    private final long[] engineOrderIdByRef;
    private int currentRef;
    private long lastAcceptedOrderId;
    private long orderRejects;
    private long cancelRejects;
    private long commandRejects;
    private String firstReject;

    BenchListener(final int maxOrderRef)
    {
        engineOrderIdByRef = new long[maxOrderRef + 1];
    }

    /** Names the workload order the next command creates or replaces; its OrderID is captured from the events. */
    final void currentRef(final int orderRef)
    {
        currentRef = orderRef;
    }

    final int currentRef()
    {
        return currentRef;
    }

    final long engineOrderId(final int orderRef)
    {
        return engineOrderIdByRef[orderRef];
    }

    final long lastAcceptedOrderId()
    {
        return lastAcceptedOrderId;
    }

    final long rejects()
    {
        return orderRejects + cancelRejects + commandRejects;
    }

    final long orderRejects()
    {
        return orderRejects;
    }

    final long cancelRejects()
    {
        return cancelRejects;
    }

    /** The first refused command and its reason, or null; enough to find a mapping mistake. */
    final String firstReject()
    {
        return firstReject;
    }

    @Override
    public void onOrderAccepted(final OrderView order)
    {
        lastAcceptedOrderId = order.orderId();
        engineOrderIdByRef[currentRef] = lastAcceptedOrderId;
    }

    @Override
    public void onOrderReplaced(final OrderView order)
    {
        // The API does not promise that a replace keeps the OrderID, so follow whatever the engine reports.
        engineOrderIdByRef[currentRef] = order.orderId();
    }

    @Override
    public void onOrderRejected(final Command command, final RejectReason reason)
    {
        orderRejects++;
        noteReject(command, reason);
    }

    @Override
    public void onCancelRejected(final Command command, final RejectReason reason)
    {
        cancelRejects++;
        noteReject(command, reason);
    }

    @Override
    public void onCommandRejected(final Command command, final RejectReason reason)
    {
        commandRejects++;
        noteReject(command, reason);
    }

    private void noteReject(final Command command, final RejectReason reason)
    {
        if (firstReject == null)
        {
            firstReject = reason + " for " + command;
        }
    }
}
