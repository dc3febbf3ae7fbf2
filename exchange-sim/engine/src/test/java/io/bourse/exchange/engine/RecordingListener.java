package io.bourse.exchange.engine;

import io.bourse.codecs.types.Side;
import io.bourse.exchange.engine.EngineEvent.Accepted;
import io.bourse.exchange.engine.EngineEvent.Auction;
import io.bourse.exchange.engine.EngineEvent.AuctionTrade;
import io.bourse.exchange.engine.EngineEvent.BookAdd;
import io.bourse.exchange.engine.EngineEvent.BookModify;
import io.bourse.exchange.engine.EngineEvent.BookRemove;
import io.bourse.exchange.engine.EngineEvent.CancelRejected;
import io.bourse.exchange.engine.EngineEvent.Cancelled;
import io.bourse.exchange.engine.EngineEvent.CommandRejected;
import io.bourse.exchange.engine.EngineEvent.Exec;
import io.bourse.exchange.engine.EngineEvent.Level;
import io.bourse.exchange.engine.EngineEvent.MassCancelled;
import io.bourse.exchange.engine.EngineEvent.Reduced;
import io.bourse.exchange.engine.EngineEvent.ReferencePrice;
import io.bourse.exchange.engine.EngineEvent.Rejected;
import io.bourse.exchange.engine.EngineEvent.Replaced;
import io.bourse.exchange.engine.EngineEvent.Status;
import io.bourse.exchange.engine.EngineEvent.Trade;
import io.bourse.exchange.engine.EngineEvent.Triggered;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns every callback into an {@link EngineEvent}, copying what it needs out of the views during the call
 * (the engine reuses them afterwards). Tests pick the kinds a rule is about with {@link #of(Class)} and assert
 * that ordered list as a whole.
 */
final class RecordingListener implements EngineListener
{
    private final List<EngineEvent> events = new ArrayList<>();
    private final List<Long> processedSequences = new ArrayList<>();

    List<EngineEvent> all()
    {
        return List.copyOf(events);
    }

    /** The events of one kind, in the order they happened. */
    <T extends EngineEvent> List<T> of(final Class<T> kind)
    {
        final List<T> selected = new ArrayList<>();
        for (final EngineEvent event : events)
        {
            if (kind.isInstance(event))
            {
                selected.add(kind.cast(event));
            }
        }
        return selected;
    }

    /** The events of several kinds, keeping their relative order: for rules about what happens before what. */
    @SafeVarargs
    final List<EngineEvent> of(final Class<? extends EngineEvent>... kinds)
    {
        final List<EngineEvent> selected = new ArrayList<>();
        for (final EngineEvent event : events)
        {
            for (final Class<? extends EngineEvent> kind : kinds)
            {
                if (kind.isInstance(event))
                {
                    selected.add(event);
                    break;
                }
            }
        }
        return selected;
    }

    /** Events about one order: acceptance, executions, cancels, reductions, replaces, triggers, book entries. */
    List<EngineEvent> forOrder(final long orderId)
    {
        final List<EngineEvent> selected = new ArrayList<>();
        for (final EngineEvent event : events)
        {
            if (orderIdOf(event) == orderId)
            {
                selected.add(event);
            }
        }
        return selected;
    }

    /** Quantity taken off an order without a trade: what self-trade prevention reduced plus what it cancelled. */
    long quantityRemovedWithoutTrade(final long orderId)
    {
        long removed = 0;
        for (final EngineEvent event : events)
        {
            if (event instanceof Reduced reduced && reduced.orderId() == orderId)
            {
                removed += reduced.reducedBy();
            }
            else if (event instanceof Cancelled cancelled && cancelled.orderId() == orderId)
            {
                removed += cancelled.qty();
            }
        }
        return removed;
    }

    int size()
    {
        return events.size();
    }

    /** The OrderID the engine gave {@code clOrdId} in the events recorded since {@code fromIndex}, or 0. */
    long acceptedOrderId(final int fromIndex, final String clOrdId)
    {
        for (int i = fromIndex; i < events.size(); i++)
        {
            if (events.get(i) instanceof Accepted accepted && accepted.clOrdId().equals(clOrdId))
            {
                return accepted.orderId();
            }
        }
        return 0;
    }

    /** The sequence numbers passed to onCommandProcessed, one per command, never cleared. */
    List<Long> processedSequences()
    {
        return List.copyOf(processedSequences);
    }

    void clear()
    {
        events.clear();
    }

    @Override
    public void onOrderAccepted(final OrderView order)
    {
        events.add(new Accepted(
            order.orderId(), order.clOrdId().toString(), order.side(), order.quantity(), order.price()));
    }

    @Override
    public void onOrderRejected(final Command command, final RejectReason reason)
    {
        events.add(new Rejected(command.clOrdId().toString(), reason));
    }

    @Override
    public void onCancelRejected(final Command command, final RejectReason reason)
    {
        events.add(new CancelRejected(command.clOrdId().toString(), reason));
    }

    @Override
    public void onOrderCancelled(final OrderView order, final CancelReason reason, final long cancelledQty)
    {
        events.add(new Cancelled(order.orderId(), reason, cancelledQty));
    }

    @Override
    public void onOrderReplaced(final OrderView order)
    {
        events.add(new Replaced(
            order.orderId(),
            order.clOrdId().toString(),
            order.origClOrdId().toString(),
            order.quantity(),
            order.price(),
            order.leavesQty()));
    }

    @Override
    public void onOrderReduced(final OrderView order, final long reducedBy, final CancelReason reason)
    {
        events.add(new Reduced(order.orderId(), reducedBy, order.leavesQty(), reason));
    }

    @Override
    public void onOrderTriggered(final OrderView order)
    {
        events.add(new Triggered(order.orderId()));
    }

    @Override
    public void onTrade(
        final int instrumentId,
        final long tradeId,
        final long price,
        final long quantity,
        final long buyOrderId,
        final long sellOrderId,
        final Side aggressorSide,
        final boolean auction)
    {
        events.add(auction ?
            new AuctionTrade(price, quantity, buyOrderId, sellOrderId) :
            new Trade(price, quantity, buyOrderId, sellOrderId, aggressorSide));
    }

    @Override
    public void onExecution(
        final OrderView order, final long tradeId, final long price, final long quantity, final boolean aggressor)
    {
        events.add(new Exec(order.orderId(), price, quantity, order.cumQty(), order.leavesQty(), aggressor));
    }

    @Override
    public void onBookOrderAdded(final OrderView order)
    {
        events.add(new BookAdd(order.orderId(), order.side(), order.price(), order.displayQty()));
    }

    @Override
    public void onBookOrderModified(final OrderView order)
    {
        events.add(new BookModify(order.orderId(), order.displayQty()));
    }

    @Override
    public void onBookOrderRemoved(final OrderView order)
    {
        events.add(new BookRemove(order.orderId()));
    }

    @Override
    public void onLevelChanged(
        final int instrumentId, final Side side, final long price, final long displayedQty, final int orderCount)
    {
        events.add(new Level(side, price, displayedQty, orderCount));
    }

    @Override
    public void onStatusChanged(final int instrumentId, final TradingPhase phase, final boolean halted)
    {
        events.add(new Status(instrumentId, phase, halted));
    }

    @Override
    public void onAuctionResult(final int instrumentId, final long price, final long volume, final long imbalance)
    {
        events.add(new Auction(price, volume, imbalance));
    }

    @Override
    public void onReferencePriceChanged(final int instrumentId, final long referencePrice)
    {
        events.add(new ReferencePrice(instrumentId, referencePrice));
    }

    @Override
    public void onMassCancelCompleted(final Command command, final int cancelledCount)
    {
        events.add(new MassCancelled(cancelledCount));
    }

    @Override
    public void onCommandRejected(final Command command, final RejectReason reason)
    {
        events.add(new CommandRejected(command.type(), reason));
    }

    @Override
    public void onCommandProcessed(final Command command, final long sequence)
    {
        processedSequences.add(sequence);
    }

    private static long orderIdOf(final EngineEvent event)
    {
        if (event instanceof Accepted e)
        {
            return e.orderId();
        }
        if (event instanceof Cancelled e)
        {
            return e.orderId();
        }
        if (event instanceof Replaced e)
        {
            return e.orderId();
        }
        if (event instanceof Reduced e)
        {
            return e.orderId();
        }
        if (event instanceof Triggered e)
        {
            return e.orderId();
        }
        if (event instanceof Exec e)
        {
            return e.orderId();
        }
        if (event instanceof BookAdd e)
        {
            return e.orderId();
        }
        if (event instanceof BookModify e)
        {
            return e.orderId();
        }
        if (event instanceof BookRemove e)
        {
            return e.orderId();
        }
        return 0;
    }
}
