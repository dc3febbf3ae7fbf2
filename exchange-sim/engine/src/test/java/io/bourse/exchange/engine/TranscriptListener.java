package io.bourse.exchange.engine;

import io.bourse.codecs.types.Price;
import io.bourse.codecs.types.Side;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes every callback, with every field of every view and command it carries, as one line of text. Two engines
 * that behave the same produce equal transcripts; the first differing line says where they part. Unlike
 * {@link RecordingListener} it leaves nothing out, so it is the oracle for the engine-against-engine properties.
 */
final class TranscriptListener implements EngineListener
{
    private final List<String> lines = new ArrayList<>();

    List<String> lines()
    {
        return lines;
    }

    String lastLine()
    {
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    @Override
    public void onOrderAccepted(final OrderView order)
    {
        lines.add("accepted " + describe(order));
    }

    @Override
    public void onOrderRejected(final Command command, final RejectReason reason)
    {
        lines.add("rejected " + reason + " " + command);
    }

    @Override
    public void onCancelRejected(final Command command, final RejectReason reason)
    {
        lines.add("cancel-rejected " + reason + " " + command);
    }

    @Override
    public void onOrderCancelled(final OrderView order, final CancelReason reason, final long cancelledQty)
    {
        lines.add("cancelled " + reason + " qty=" + cancelledQty + " " + describe(order));
    }

    @Override
    public void onOrderReplaced(final OrderView order)
    {
        lines.add("replaced " + describe(order));
    }

    @Override
    public void onOrderReduced(final OrderView order, final long reducedBy, final CancelReason reason)
    {
        lines.add("reduced " + reason + " by=" + reducedBy + " " + describe(order));
    }

    @Override
    public void onOrderTriggered(final OrderView order)
    {
        lines.add("triggered " + describe(order));
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
        lines.add("trade instrument=" + instrumentId + " id=" + tradeId + " " + quantity + "@" + Price.toString(price) +
            " buy=#" + buyOrderId + " sell=#" + sellOrderId + " aggressor=" + aggressorSide + " auction=" + auction);
    }

    @Override
    public void onExecution(
        final OrderView order, final long tradeId, final long price, final long quantity, final boolean aggressor)
    {
        lines.add("execution trade=" + tradeId + " " + quantity + "@" + Price.toString(price) + " aggressor=" +
            aggressor + " " + describe(order));
    }

    @Override
    public void onBookOrderAdded(final OrderView order)
    {
        lines.add("book-add " + describe(order));
    }

    @Override
    public void onBookOrderModified(final OrderView order)
    {
        lines.add("book-modify " + describe(order));
    }

    @Override
    public void onBookOrderRemoved(final OrderView order)
    {
        lines.add("book-remove " + describe(order));
    }

    @Override
    public void onLevelChanged(
        final int instrumentId, final Side side, final long price, final long displayedQty, final int orderCount)
    {
        lines.add("level instrument=" + instrumentId + " " + side + " " + Price.toString(price) + " qty=" +
            displayedQty + " orders=" + orderCount);
    }

    @Override
    public void onStatusChanged(final int instrumentId, final TradingPhase phase, final boolean halted)
    {
        lines.add("status instrument=" + instrumentId + " " + phase + " halted=" + halted);
    }

    @Override
    public void onAuctionResult(final int instrumentId, final long price, final long volume, final long imbalance)
    {
        lines.add("auction instrument=" + instrumentId + " " + Price.toString(price) + " volume=" + volume +
            " imbalance=" + imbalance);
    }

    @Override
    public void onReferencePriceChanged(final int instrumentId, final long referencePrice)
    {
        lines.add("reference instrument=" + instrumentId + " " + Price.toString(referencePrice));
    }

    @Override
    public void onMassCancelCompleted(final Command command, final int cancelledCount)
    {
        lines.add("mass-cancel-completed count=" + cancelledCount + " " + command);
    }

    @Override
    public void onCommandRejected(final Command command, final RejectReason reason)
    {
        lines.add("command-rejected " + reason + " " + command);
    }

    @Override
    public void onCommandProcessed(final Command command, final long sequence)
    {
        lines.add("processed " + sequence);
    }

    static String describe(final OrderView order)
    {
        return "#" + order.orderId() +
            " session=" + order.sessionId() +
            " firm=" + order.firmId() +
            " instrument=" + order.instrumentId() +
            " clOrdId=" + order.clOrdId() +
            " orig=" + order.origClOrdId() +
            " " + order.side() +
            " " + order.ordType() +
            " " + order.timeInForce() +
            " qty=" + order.quantity() +
            " px=" + Price.toString(order.price()) +
            " stopPx=" + Price.toString(order.stopPrice()) +
            " cum=" + order.cumQty() +
            " leaves=" + order.leavesQty() +
            " notional=" + order.cumNotional() +
            " avgPx=" + order.avgPx() +
            " display=" + order.displayQty() +
            " maxFloor=" + order.maxFloor() +
            " minQty=" + order.minQty() +
            " expire=" + order.expireTime() +
            " postOnly=" + order.postOnly() +
            " stp=" + order.selfTradePrevention() +
            " triggered=" + order.triggered() +
            " entry=" + order.entryTimestamp() +
            " done=" + order.isDone();
    }
}
