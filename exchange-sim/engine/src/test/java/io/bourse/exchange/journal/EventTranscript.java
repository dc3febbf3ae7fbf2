package io.bourse.exchange.journal;

import io.bourse.codecs.types.Price;
import io.bourse.codecs.types.Side;
import io.bourse.exchange.engine.CancelReason;
import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.EngineListener;
import io.bourse.exchange.engine.OrderView;
import io.bourse.exchange.engine.RejectReason;
import io.bourse.exchange.engine.TradingPhase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every callback as a line of text holding all its data, copied out during the call (views are reused after it),
 * grouped by the sequence of the command that caused it. Two engines that behave alike give equal transcripts.
 */
final class EventTranscript implements EngineListener
{
    private final Map<Long, List<String>> eventsBySequence = new LinkedHashMap<>();
    private List<String> current = new ArrayList<>();

    /** Events per command sequence, in the order the commands were processed. */
    Map<Long, List<String>> eventsBySequence()
    {
        return eventsBySequence;
    }

    boolean isEmpty()
    {
        return eventsBySequence.isEmpty() && current.isEmpty();
    }

    @Override
    public void onOrderAccepted(final OrderView order)
    {
        add("accepted " + describe(order));
    }

    @Override
    public void onOrderRejected(final Command command, final RejectReason reason)
    {
        add("rejected " + reason + " " + command);
    }

    @Override
    public void onCancelRejected(final Command command, final RejectReason reason)
    {
        add("cancelRejected " + reason + " " + command);
    }

    @Override
    public void onOrderCancelled(final OrderView order, final CancelReason reason, final long cancelledQty)
    {
        add("cancelled " + reason + " qty=" + cancelledQty + " " + describe(order));
    }

    @Override
    public void onOrderReplaced(final OrderView order)
    {
        add("replaced " + describe(order));
    }

    @Override
    public void onOrderReduced(final OrderView order, final long reducedBy, final CancelReason reason)
    {
        add("reduced " + reason + " by=" + reducedBy + " " + describe(order));
    }

    @Override
    public void onOrderTriggered(final OrderView order)
    {
        add("triggered " + describe(order));
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
        add("trade i=" + instrumentId + " #" + tradeId + " " + quantity + "@" + Price.toString(price) +
            " buy=" + buyOrderId + " sell=" + sellOrderId + " aggressor=" + aggressorSide + " auction=" + auction);
    }

    @Override
    public void onExecution(
        final OrderView order, final long tradeId, final long price, final long quantity, final boolean aggressor)
    {
        add("execution #" + tradeId + " " + quantity + "@" + Price.toString(price) + " aggressor=" + aggressor +
            " " + describe(order));
    }

    @Override
    public void onBookOrderAdded(final OrderView order)
    {
        add("bookAdded " + describe(order));
    }

    @Override
    public void onBookOrderModified(final OrderView order)
    {
        add("bookModified " + describe(order));
    }

    @Override
    public void onBookOrderRemoved(final OrderView order)
    {
        add("bookRemoved " + describe(order));
    }

    @Override
    public void onLevelChanged(
        final int instrumentId, final Side side, final long price, final long displayedQty, final int orderCount)
    {
        add("level i=" + instrumentId + " " + side + " " + Price.toString(price) + " qty=" + displayedQty +
            " orders=" + orderCount);
    }

    @Override
    public void onStatusChanged(final int instrumentId, final TradingPhase phase, final boolean halted)
    {
        add("status i=" + instrumentId + " " + phase + " halted=" + halted);
    }

    @Override
    public void onAuctionResult(final int instrumentId, final long price, final long volume, final long imbalance)
    {
        add("auction i=" + instrumentId + " " + volume + "@" + Price.toString(price) + " imbalance=" + imbalance);
    }

    @Override
    public void onReferencePriceChanged(final int instrumentId, final long referencePrice)
    {
        add("reference i=" + instrumentId + " " + Price.toString(referencePrice));
    }

    @Override
    public void onMassCancelCompleted(final Command command, final int cancelledCount)
    {
        add("massCancelled " + cancelledCount + " " + command);
    }

    @Override
    public void onCommandRejected(final Command command, final RejectReason reason)
    {
        add("commandRejected " + reason + " " + command);
    }

    @Override
    public void onCommandProcessed(final Command command, final long sequence)
    {
        add("processed " + sequence + " " + command);
        if (eventsBySequence.put(sequence, current) != null)
        {
            throw new AssertionError("sequence " + sequence + " processed twice");
        }
        current = new ArrayList<>();
    }

    private void add(final String event)
    {
        current.add(event);
    }

    private static String describe(final OrderView o)
    {
        return "#" + o.orderId() + " s=" + o.sessionId() + " f=" + o.firmId() + " i=" + o.instrumentId() +
            " " + o.clOrdId() + "/" + o.origClOrdId() + " " + o.side() + " " + o.ordType() + " " + o.timeInForce() +
            " qty=" + o.quantity() + " px=" + Price.toString(o.price()) + " stop=" + Price.toString(o.stopPrice()) +
            " cum=" + o.cumQty() + " leaves=" + o.leavesQty() + " notional=" + o.cumNotional() +
            " avg=" + o.avgPx() + " display=" + o.displayQty() + " floor=" + o.maxFloor() + " min=" + o.minQty() +
            " expire=" + o.expireTime() + " postOnly=" + o.postOnly() + " stp=" + o.selfTradePrevention() +
            " triggered=" + o.triggered() + " entry=" + o.entryTimestamp() + " done=" + o.isDone();
    }
}
