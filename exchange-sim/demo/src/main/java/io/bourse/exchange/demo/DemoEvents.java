package io.bourse.exchange.demo;

import io.bourse.codecs.types.Price;
import io.bourse.codecs.types.Side;
import io.bourse.exchange.engine.CancelReason;
import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.EngineListener;
import io.bourse.exchange.engine.OrderView;
import io.bourse.exchange.engine.RejectReason;
import io.bourse.exchange.engine.TradingPhase;

import java.io.PrintStream;
import java.util.Map;

/** The demo's one engine listener: keeps the live-order set and the statistics, and prints notable events. */
final class DemoEvents implements EngineListener
{
    private final LiveOrders liveOrders;
    private final MarketStats stats;
    private final Map<Integer, String> symbols;
    private final PrintStream out;

    DemoEvents(
        final LiveOrders liveOrders, final MarketStats stats, final Map<Integer, String> symbols, final PrintStream out)
    {
        this.liveOrders = liveOrders;
        this.stats = stats;
        this.symbols = symbols;
        this.out = out;
    }

    @Override
    public void onOrderAccepted(final OrderView order)
    {
        stats.accepted++;
        liveOrders.onLive(order);
    }

    @Override
    public void onOrderRejected(final Command command, final RejectReason reason)
    {
        stats.rejected++;
    }

    @Override
    public void onCancelRejected(final Command command, final RejectReason reason)
    {
        stats.rejected++;
    }

    @Override
    public void onOrderCancelled(final OrderView order, final CancelReason reason, final long cancelledQty)
    {
        stats.cancelled++;
        liveOrders.onDone(order.orderId());
    }

    @Override
    public void onOrderReplaced(final OrderView order)
    {
        if (order.isDone())
        {
            liveOrders.onDone(order.orderId());
        }
    }

    @Override
    public void onExecution(
        final OrderView order, final long tradeId, final long price, final long quantity, final boolean aggressor)
    {
        if (order.leavesQty() == 0)
        {
            liveOrders.onDone(order.orderId());
        }
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
        stats.onTrade(instrumentId, price, quantity);
    }

    @Override
    public void onStatusChanged(final int instrumentId, final TradingPhase phase, final boolean halted)
    {
        out.printf("    >> %s is now %s%s%n", symbols.get(instrumentId), phase, halted ? " (HALTED)" : "");
    }

    @Override
    public void onAuctionResult(final int instrumentId, final long price, final long volume, final long imbalance)
    {
        out.printf("    >> %s auction: %s, %,d shares, imbalance %+,d%n", symbols.get(instrumentId),
            price == Price.NONE ? "no price (nothing crossed)" : "price " + Price.toString(price), volume, imbalance);
    }

    @Override
    public void onCommandProcessed(final Command command, final long sequence)
    {
        stats.commands++;
    }
}
