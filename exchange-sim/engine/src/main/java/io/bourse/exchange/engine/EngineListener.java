package io.bourse.exchange.engine;

import io.bourse.codecs.types.Side;

/**
 * Everything the engine reports, in the order it happens. Callbacks run on the engine thread, inside
 * {@link MatchingEngine#process(Command)}; views and commands passed in are valid only during the call.
 *
 * <p>Within one command the order is deterministic: for a new order, {@code onOrderAccepted} first, then for
 * each match {@code onTrade}, {@code onExecution} for the resting order, {@code onExecution} for the incoming
 * order, then book changes, then a final {@code onOrderCancelled} for an immediate remainder. Book events
 * (L3 {@code onBookOrder*} and L2 {@code onLevelChanged}) follow every change of what the book shows, so a
 * book rebuilt from them alone equals the engine's.
 */
public interface EngineListener
{
    /** A new order was accepted (a stop order is accepted untriggered, off the book). */
    default void onOrderAccepted(final OrderView order)
    {
    }

    /** A NEW_ORDER command was refused; no order exists. */
    default void onOrderRejected(final Command command, final RejectReason reason)
    {
    }

    /** A CANCEL or REPLACE command was refused; the order (if any) is unchanged. */
    default void onCancelRejected(final Command command, final RejectReason reason)
    {
    }

    /** The order is done without (further) fills; {@code cancelledQty} is what was open. */
    default void onOrderCancelled(final OrderView order, final CancelReason reason, final long cancelledQty)
    {
    }

    /** The order was replaced; {@link OrderView#origClOrdId()} holds the previous ClOrdID. */
    default void onOrderReplaced(final OrderView order)
    {
    }

    /** Open quantity was reduced without a trade (self-trade prevention in decrement mode). */
    default void onOrderReduced(final OrderView order, final long reducedBy, final CancelReason reason)
    {
    }

    /** A stop order's trigger was hit; it now works as a market (STOP) or limit (STOP_LIMIT) order. */
    default void onOrderTriggered(final OrderView order)
    {
    }

    /**
     * A trade between two orders; followed by one {@link #onExecution} for each side, the resting order's first.
     * {@code aggressorSide} is null for auction trades, which have no aggressor.
     */
    default void onTrade(
        final int instrumentId,
        final long tradeId,
        final long price,
        final long quantity,
        final long buyOrderId,
        final long sellOrderId,
        final Side aggressorSide,
        final boolean auction)
    {
    }

    /** One side of a trade; the view already includes the fill (cumQty, leavesQty, avgPx). */
    default void onExecution(
        final OrderView order, final long tradeId, final long price, final long quantity, final boolean aggressor)
    {
    }

    /** L3: an order (or an iceberg's new slice) became visible at the back of its price level. */
    default void onBookOrderAdded(final OrderView order)
    {
    }

    /** L3: the displayed quantity of a resting order changed; its priority did not. */
    default void onBookOrderModified(final OrderView order)
    {
    }

    /** L3: an order left the book (filled, cancelled, replaced with loss of priority, slice exhausted). */
    default void onBookOrderRemoved(final OrderView order)
    {
    }

    /** L2: a price level's displayed quantity or order count changed; quantity 0 means the level is gone. */
    default void onLevelChanged(
        final int instrumentId, final Side side, final long price, final long displayedQty, final int orderCount)
    {
    }

    /** The instrument's phase or halt flag changed. */
    default void onStatusChanged(final int instrumentId, final TradingPhase phase, final boolean halted)
    {
    }

    /**
     * A call auction uncrossed (also reported with volume 0 when nothing crossed). {@code imbalance} is the
     * surplus at the auction price: positive for buy surplus, negative for sell surplus.
     */
    default void onAuctionResult(final int instrumentId, final long price, final long volume, final long imbalance)
    {
    }

    default void onReferencePriceChanged(final int instrumentId, final long referencePrice)
    {
    }

    /** A MASS_CANCEL command finished, after the onOrderCancelled of each order it cancelled. */
    default void onMassCancelCompleted(final Command command, final int cancelledCount)
    {
    }

    /** An operator command (mass cancel, phase, halt, resume, reference price) was refused. */
    default void onCommandRejected(final Command command, final RejectReason reason)
    {
    }

    /** The last callback of every command. */
    default void onCommandProcessed(final Command command, final long sequence)
    {
    }
}
