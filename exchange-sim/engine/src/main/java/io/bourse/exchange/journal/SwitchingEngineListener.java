package io.bourse.exchange.journal;

import io.bourse.codecs.types.Side;
import io.bourse.exchange.engine.CancelReason;
import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.EngineListener;
import io.bourse.exchange.engine.OrderView;
import io.bourse.exchange.engine.RejectReason;
import io.bourse.exchange.engine.TradingPhase;

/**
 * Passes every callback to a target that can change: the engine is built with one listener for life, and recovery
 * needs replayed events to go elsewhere than live ones. It must override every {@link EngineListener} method, or
 * that event would vanish silently (a test checks).
 */
final class SwitchingEngineListener implements EngineListener
{
    private EngineListener target;

    SwitchingEngineListener(final EngineListener target)
    {
        this.target = target;
    }

    void switchTo(final EngineListener target)
    {
        this.target = target;
    }

    @Override
    public void onOrderAccepted(final OrderView order)
    {
        target.onOrderAccepted(order);
    }

    @Override
    public void onOrderRejected(final Command command, final RejectReason reason)
    {
        target.onOrderRejected(command, reason);
    }

    @Override
    public void onCancelRejected(final Command command, final RejectReason reason)
    {
        target.onCancelRejected(command, reason);
    }

    @Override
    public void onOrderCancelled(final OrderView order, final CancelReason reason, final long cancelledQty)
    {
        target.onOrderCancelled(order, reason, cancelledQty);
    }

    @Override
    public void onOrderReplaced(final OrderView order)
    {
        target.onOrderReplaced(order);
    }

    @Override
    public void onOrderReduced(final OrderView order, final long reducedBy, final CancelReason reason)
    {
        target.onOrderReduced(order, reducedBy, reason);
    }

    @Override
    public void onOrderTriggered(final OrderView order)
    {
        target.onOrderTriggered(order);
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
        target.onTrade(instrumentId, tradeId, price, quantity, buyOrderId, sellOrderId, aggressorSide, auction);
    }

    @Override
    public void onExecution(
        final OrderView order, final long tradeId, final long price, final long quantity, final boolean aggressor)
    {
        target.onExecution(order, tradeId, price, quantity, aggressor);
    }

    @Override
    public void onBookOrderAdded(final OrderView order)
    {
        target.onBookOrderAdded(order);
    }

    @Override
    public void onBookOrderModified(final OrderView order)
    {
        target.onBookOrderModified(order);
    }

    @Override
    public void onBookOrderRemoved(final OrderView order)
    {
        target.onBookOrderRemoved(order);
    }

    @Override
    public void onLevelChanged(
        final int instrumentId, final Side side, final long price, final long displayedQty, final int orderCount)
    {
        target.onLevelChanged(instrumentId, side, price, displayedQty, orderCount);
    }

    @Override
    public void onStatusChanged(final int instrumentId, final TradingPhase phase, final boolean halted)
    {
        target.onStatusChanged(instrumentId, phase, halted);
    }

    @Override
    public void onAuctionResult(final int instrumentId, final long price, final long volume, final long imbalance)
    {
        target.onAuctionResult(instrumentId, price, volume, imbalance);
    }

    @Override
    public void onReferencePriceChanged(final int instrumentId, final long referencePrice)
    {
        target.onReferencePriceChanged(instrumentId, referencePrice);
    }

    @Override
    public void onMassCancelCompleted(final Command command, final int cancelledCount)
    {
        target.onMassCancelCompleted(command, cancelledCount);
    }

    @Override
    public void onCommandRejected(final Command command, final RejectReason reason)
    {
        target.onCommandRejected(command, reason);
    }

    @Override
    public void onCommandProcessed(final Command command, final long sequence)
    {
        target.onCommandProcessed(command, sequence);
    }
}
