package io.bourse.exchange.engine;

import io.bourse.codecs.types.OrdType;
import io.bourse.codecs.types.Price;
import io.bourse.codecs.types.Side;
import io.bourse.codecs.types.TimeInForce;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The invariants the property tests hold the engine to, each a {@link StreamRun.Check}: it watches the events of
 * a command and, once the command is done, compares what it learnt with what the engine says.
 */
final class EngineChecks
{
    private EngineChecks()
    {
    }

    private record LevelKey(int instrumentId, Side side, long price)
    {
        @Override
        public String toString()
        {
            return "instrument " + instrumentId + " " + side + " " + Price.toString(price);
        }
    }

    /**
     * Rebuilds every book from the L3 events alone (orders in queue order with their displayed quantity) and from
     * the L2 events alone (quantity and count per level), then requires both to equal the engine's book as
     * {@link MatchingEngine#forEachLiveOrder} lists it, and the best prices and order counts to agree.
     */
    static final class BookMirror implements StreamRun.Check
    {
        private final Map<LevelKey, LinkedHashMap<Long, Long>> l3 = new HashMap<>();
        private final Map<Long, LevelKey> l3Index = new HashMap<>();
        private final Map<LevelKey, List<Long>> l2 = new HashMap<>();
        private final List<String> seen = new ArrayList<>();

        @Override
        public void onBookOrderAdded(final OrderView order)
        {
            final LevelKey existing = l3Index.remove(order.orderId());
            if (existing != null)
            {
                seen.add("L3 add of #" + order.orderId() + " which the L3 events already show at " + existing);
                removeFromLevel(existing, order.orderId());
            }
            if (order.displayQty() <= 0)
            {
                seen.add("L3 add of #" + order.orderId() + " showing " + order.displayQty());
            }
            final LevelKey key = new LevelKey(order.instrumentId(), order.side(), order.price());
            l3.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(order.orderId(), order.displayQty());
            l3Index.put(order.orderId(), key);
        }

        @Override
        public void onBookOrderModified(final OrderView order)
        {
            final LevelKey key = l3Index.get(order.orderId());
            if (key == null)
            {
                seen.add("L3 modify of #" + order.orderId() + " which the L3 events do not show on the book");
                return;
            }
            if (!key.equals(new LevelKey(order.instrumentId(), order.side(), order.price())))
            {
                seen.add("L3 modify of #" + order.orderId() + " moved it from " + key + " to " +
                    Price.toString(order.price()));
            }
            if (order.displayQty() <= 0)
            {
                seen.add("L3 modify of #" + order.orderId() + " to show " + order.displayQty());
            }
            l3.get(key).put(order.orderId(), order.displayQty());
        }

        @Override
        public void onBookOrderRemoved(final OrderView order)
        {
            final LevelKey key = l3Index.remove(order.orderId());
            if (key == null)
            {
                seen.add("L3 remove of #" + order.orderId() + " which the L3 events do not show on the book");
                return;
            }
            removeFromLevel(key, order.orderId());
        }

        @Override
        public void onLevelChanged(
            final int instrumentId, final Side side, final long price, final long displayedQty, final int orderCount)
        {
            final LevelKey key = new LevelKey(instrumentId, side, price);
            if (displayedQty == 0)
            {
                if (orderCount != 0)
                {
                    seen.add("L2 " + key + " gone with " + orderCount + " orders");
                }
                l2.remove(key);
            }
            else
            {
                if (displayedQty < 0 || orderCount <= 0)
                {
                    seen.add("L2 " + key + " qty " + displayedQty + " orders " + orderCount);
                }
                l2.put(key, List.of(displayedQty, (long)orderCount));
            }
        }

        @Override
        public void afterCommand(final MatchingEngine engine, final List<String> violations)
        {
            violations.addAll(seen);
            seen.clear();

            final Map<LevelKey, List<List<Long>>> engineBook = new LinkedHashMap<>();
            final int[] live = new int[1];
            final List<RestingOrder> restingInListOrder = new ArrayList<>();
            engine.forEachLiveOrder(order ->
            {
                live[0]++;
                if (order.displayQty() > 0)
                {
                    final LevelKey key = new LevelKey(order.instrumentId(), order.side(), order.price());
                    engineBook.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(List.of(order.orderId(), order.displayQty()));
                    restingInListOrder.add(new RestingOrder(order.orderId(), key));
                }
            });

            final Map<LevelKey, List<List<Long>>> mirrorBook = new HashMap<>();
            final Map<LevelKey, List<Long>> expectedL2 = new HashMap<>();
            int resting = 0;
            for (final Map.Entry<LevelKey, LinkedHashMap<Long, Long>> level : l3.entrySet())
            {
                final List<List<Long>> queue = new ArrayList<>();
                long quantity = 0;
                for (final Map.Entry<Long, Long> order : level.getValue().entrySet())
                {
                    queue.add(List.of(order.getKey(), order.getValue()));
                    quantity += order.getValue();
                }
                resting += queue.size();
                mirrorBook.put(level.getKey(), queue);
                expectedL2.put(level.getKey(), List.of(quantity, (long)queue.size()));
            }
            if (!new HashMap<>(engineBook).equals(mirrorBook))
            {
                violations.add("book rebuilt from L3 events differs from the engine's (levels as [orderId, shown]):" +
                    "\n      engine: " + new TreeMap<>(byKey(engineBook)) + "\n      L3:     " +
                    new TreeMap<>(byKey(mirrorBook)));
            }
            if (!expectedL2.equals(l2))
            {
                violations.add("L2 events ([qty, orders] per level) disagree with the L3 book:\n      L3: " +
                    new TreeMap<>(byKey(expectedL2)) + "\n      L2: " + new TreeMap<>(byKey(l2)));
            }
            if (engine.restingOrderCount() != resting)
            {
                violations.add("restingOrderCount() " + engine.restingOrderCount() + " but " + resting +
                    " orders show on the book");
            }
            if (engine.liveOrderCount() != live[0])
            {
                violations.add("liveOrderCount() " + engine.liveOrderCount() + " but forEachLiveOrder lists " +
                    live[0]);
            }
            checkListOrder(restingInListOrder, violations);
            for (final InstrumentSpec spec : CommandStreams.INSTRUMENTS)
            {
                checkBest(engine, spec.id(), Side.BUY, engine.bestBid(spec.id()), violations);
                checkBest(engine, spec.id(), Side.SELL, engine.bestAsk(spec.id()), violations);
            }
        }

        private record RestingOrder(long orderId, LevelKey key)
        {
        }

        /** Snapshot order: instruments ascending, bids before asks, best price first (FIFO within a price). */
        private static void checkListOrder(final List<RestingOrder> orders, final List<String> violations)
        {
            for (int i = 1; i < orders.size(); i++)
            {
                final LevelKey before = orders.get(i - 1).key();
                final LevelKey after = orders.get(i).key();
                final int order = Comparator.comparingInt(LevelKey::instrumentId)
                    .thenComparing(LevelKey::side)
                    .thenComparing((a, b) -> a.side() == Side.BUY ?
                        Long.compare(b.price(), a.price()) : Long.compare(a.price(), b.price()))
                    .compare(before, after);
                if (order > 0 && before.price() != Price.NONE && after.price() != Price.NONE)
                {
                    violations.add("forEachLiveOrder lists #" + orders.get(i - 1).orderId() + " (" + before +
                        ") before #" + orders.get(i).orderId() + " (" + after + ")");
                    return;
                }
            }
        }

        private void checkBest(
            final MatchingEngine engine,
            final int instrumentId,
            final Side side,
            final long enginePrice,
            final List<String> violations)
        {
            long best = Price.NONE;
            for (final LevelKey key : l3.keySet())
            {
                if (key.instrumentId() == instrumentId && key.side() == side)
                {
                    if (key.price() == Price.NONE)
                    {
                        // A market order in a call sits at no limit price: best is then a matter of convention.
                        return;
                    }
                    if (best == Price.NONE || (side == Side.BUY ? key.price() > best : key.price() < best))
                    {
                        best = key.price();
                    }
                }
            }
            if (best != enginePrice)
            {
                violations.add("instrument " + instrumentId + " best " + side + " is " + Price.toString(enginePrice) +
                    " but the L3 book's is " + Price.toString(best) + " (" + engine.phase(instrumentId) + ")");
            }
        }

        private void removeFromLevel(final LevelKey key, final long orderId)
        {
            final LinkedHashMap<Long, Long> level = l3.get(key);
            level.remove(orderId);
            if (level.isEmpty())
            {
                l3.remove(key);
            }
        }

        private static <V> Map<String, V> byKey(final Map<LevelKey, V> map)
        {
            final Map<String, V> named = new HashMap<>();
            map.forEach((key, value) -> named.put(key.toString(), value));
            return named;
        }
    }

    /**
     * Quantity is conserved: for every order, filled + open + cancelled + reduced equals its quantity (the accepted
     * quantity, re-based by each replace). Each callback's view must show exactly the cumulative and open quantity
     * the events so far account for; every trade is followed by the two executions it explains; at the end of each
     * command the engine's live orders are exactly the orders with open quantity.
     */
    static final class QuantityLedger implements StreamRun.Check
    {
        private static final class Account
        {
            long ordered;
            long filled;
            long open;
            long cancelled;
            long reduced;
            Side side;

            boolean conserved()
            {
                return filled + open + cancelled + reduced == ordered;
            }

            @Override
            public String toString()
            {
                return "ordered=" + ordered + " filled=" + filled + " open=" + open + " cancelled=" + cancelled +
                    " reduced=" + reduced;
            }
        }

        private final Map<Long, Account> accounts = new HashMap<>();
        private final List<String> seen = new ArrayList<>();
        private long lastTradeId;
        private long tradeId;
        private long tradePrice;
        private long tradeQty;
        private long tradeBuy;
        private long tradeSell;
        private Side tradeAggressor;
        private boolean tradeInAuction;
        private int executionsOwed;

        @Override
        public void onOrderAccepted(final OrderView order)
        {
            if (accounts.containsKey(order.orderId()))
            {
                seen.add("OrderID #" + order.orderId() + " accepted twice");
            }
            if (order.quantity() <= 0 || order.cumQty() != 0 || order.leavesQty() != order.quantity())
            {
                seen.add("accepted " + TranscriptListener.describe(order));
            }
            final Account account = new Account();
            account.ordered = order.quantity();
            account.open = order.quantity();
            account.side = order.side();
            accounts.put(order.orderId(), account);
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
            if (executionsOwed != 0)
            {
                seen.add("trade " + tradeId + " before both executions of trade " + this.tradeId);
            }
            if (tradeId <= lastTradeId || quantity <= 0 || price <= 0)
            {
                seen.add("trade " + tradeId + " after " + lastTradeId + ": " + quantity + "@" + Price.toString(price));
            }
            lastTradeId = tradeId;
            this.tradeId = tradeId;
            tradePrice = price;
            tradeQty = quantity;
            tradeBuy = buyOrderId;
            tradeSell = sellOrderId;
            tradeAggressor = aggressorSide;
            tradeInAuction = auction;
            executionsOwed = 2;
        }

        @Override
        public void onExecution(
            final OrderView order, final long tradeId, final long price, final long quantity, final boolean aggressor)
        {
            final String what = "execution of #" + order.orderId() + " trade " + tradeId + " " + quantity + "@" +
                Price.toString(price) + (aggressor ? " aggressor" : " passive");
            if (executionsOwed == 0 || tradeId != this.tradeId || price != tradePrice || quantity != tradeQty)
            {
                seen.add(what + " does not follow its trade (" + this.tradeId + " " + tradeQty + "@" +
                    Price.toString(tradePrice) + ")");
            }
            final long expectedOrder = order.side() == Side.BUY ? tradeBuy : tradeSell;
            if (order.orderId() != expectedOrder)
            {
                seen.add(what + ": the trade's " + order.side() + " order is #" + expectedOrder);
            }
            if (!tradeInAuction)
            {
                // The resting order's execution first, then the incoming (aggressor) order's.
                final boolean aggressorExpected = executionsOwed == 1;
                if (aggressor != aggressorExpected || (aggressor && order.side() != tradeAggressor))
                {
                    seen.add(what + " out of order (aggressor side " + tradeAggressor + ")");
                }
            }
            if (order.price() != Price.NONE &&
                (order.side() == Side.BUY ? price > order.price() : price < order.price()))
            {
                seen.add(what + " trades through its limit " + Price.toString(order.price()));
            }
            executionsOwed--;

            final Account account = account(order, what);
            if (account != null)
            {
                account.filled += quantity;
                account.open -= quantity;
                expectView(order, account, what);
            }
        }

        @Override
        public void onOrderReduced(final OrderView order, final long reducedBy, final CancelReason reason)
        {
            final String what = "reduction of #" + order.orderId() + " by " + reducedBy;
            final Account account = account(order, what);
            if (account != null)
            {
                if (reducedBy <= 0 || reducedBy > account.open)
                {
                    seen.add(what + " with " + account.open + " open");
                }
                account.reduced += reducedBy;
                account.open -= reducedBy;
                expectView(order, account, what);
            }
        }

        @Override
        public void onOrderCancelled(final OrderView order, final CancelReason reason, final long cancelledQty)
        {
            final String what = "cancel (" + reason + ") of #" + order.orderId() + " qty " + cancelledQty;
            final Account account = accounts.get(order.orderId());
            if (account == null)
            {
                seen.add(what + ": never accepted, or done in an earlier command");
                return;
            }
            if (cancelledQty != account.open)
            {
                seen.add(what + " but " + account.open + " was open (" + account + ")");
            }
            account.cancelled += cancelledQty;
            account.open -= cancelledQty;
            if (!account.conserved())
            {
                seen.add(what + " leaves " + account);
            }
        }

        @Override
        public void onOrderReplaced(final OrderView order)
        {
            final String what = "replace of #" + order.orderId() + " to qty " + order.quantity();
            final Account account = account(order, what);
            if (account == null)
            {
                return;
            }
            // The new quantity is a total that includes fills. Whether what self-trade prevention reduced still
            // counts in it the rulebook does not say, so both are accepted.
            final long open = Math.max(0, order.quantity() - account.filled);
            final long openAfterReductions = Math.max(0, order.quantity() - account.filled - account.reduced);
            if (order.leavesQty() != open && order.leavesQty() != openAfterReductions)
            {
                seen.add(what + " shows leaves " + order.leavesQty() + " with " + account);
            }
            account.open = order.leavesQty();
            account.ordered = account.filled + account.open + account.cancelled + account.reduced;
            expectView(order, account, what);
        }

        @Override
        public void onOrderTriggered(final OrderView order)
        {
            final Account account = account(order, "trigger of #" + order.orderId());
            if (account != null)
            {
                expectView(order, account, "trigger of #" + order.orderId());
            }
        }

        @Override
        public void onCommandProcessed(final Command command, final long sequence)
        {
            if (executionsOwed != 0)
            {
                seen.add("trade " + tradeId + " is missing " + executionsOwed + " execution(s)");
                executionsOwed = 0;
            }
        }

        @Override
        public void afterCommand(final MatchingEngine engine, final List<String> violations)
        {
            violations.addAll(seen);
            seen.clear();
            final Map<Long, Long> engineOpen = new HashMap<>();
            engine.forEachLiveOrder(order ->
            {
                engineOpen.put(order.orderId(), order.leavesQty());
                final Account account = accounts.get(order.orderId());
                if (account == null)
                {
                    violations.add("live order #" + order.orderId() + " was never accepted");
                }
                else if (order.leavesQty() != account.open || order.cumQty() != account.filled)
                {
                    violations.add("live order #" + order.orderId() + " has cum " + order.cumQty() + " leaves " +
                        order.leavesQty() + " but its events account for " + account);
                }
            });
            for (final Map.Entry<Long, Account> entry : accounts.entrySet())
            {
                final Account account = entry.getValue();
                if (!account.conserved())
                {
                    violations.add("#" + entry.getKey() + " does not add up: " + account);
                }
                if (account.open > 0 && !engineOpen.containsKey(entry.getKey()))
                {
                    violations.add("#" + entry.getKey() + " vanished with " + account.open + " open and no event");
                }
            }
            accounts.values().removeIf(account -> account.open == 0);
        }

        private Account account(final OrderView order, final String what)
        {
            final Account account = accounts.get(order.orderId());
            if (account == null || account.open <= 0)
            {
                seen.add(what + ": the order is not live by its events " +
                    (account == null ? "(never accepted, or done in an earlier command)" : account.toString()));
                return null;
            }
            return account;
        }

        private void expectView(final OrderView order, final Account account, final String what)
        {
            if (order.cumQty() != account.filled || order.leavesQty() != account.open || account.open < 0)
            {
                seen.add(what + ": view shows cum " + order.cumQty() + " leaves " + order.leavesQty() +
                    ", events account for " + account);
            }
        }
    }

    /**
     * Fills respect price-time priority: in continuous trading every trade is with the best-ranked resting order on
     * the maker's side (best price, then oldest), at that order's price. The queues come from the engine after the
     * previous command, and follow the command's events: fills, cancels, L3 changes, and an iceberg whose slice is
     * used up going to the back of its level.
     */
    static final class PricePriority implements StreamRun.Check
    {
        private final Map<Integer, TreeMap<Long, LinkedHashMap<Long, Long>>> queues = new HashMap<>();
        private final Map<Long, LevelKey> index = new HashMap<>();
        private final List<String> seen = new ArrayList<>();
        private boolean auctionTrade;

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
            auctionTrade = auction;
            if (auction)
            {
                return;
            }
            final Side makerSide = aggressorSide.opposite();
            final long maker = aggressorSide == Side.BUY ? sellOrderId : buyOrderId;
            final String what = "trade " + tradeId + " " + quantity + "@" + Price.toString(price) + " with maker #" +
                maker + " (" + makerSide + ")";
            for (final Map.Entry<Long, LinkedHashMap<Long, Long>> level : side(instrumentId, makerSide).entrySet())
            {
                if (level.getKey() == Price.NONE || level.getValue().isEmpty())
                {
                    continue;
                }
                final long head = level.getValue().keySet().iterator().next();
                if (level.getKey() != price)
                {
                    seen.add(what + ": the best " + makerSide + " price is " + Price.toString(level.getKey()) +
                        " (#" + head + ")");
                }
                else if (head != maker)
                {
                    seen.add(what + ": #" + head + " ranks first at that price, queue " + level.getValue().keySet());
                }
                return;
            }
            seen.add(what + ": no resting " + makerSide + " order");
        }

        @Override
        public void onExecution(
            final OrderView order, final long tradeId, final long price, final long quantity, final boolean aggressor)
        {
            final LevelKey key = index.get(order.orderId());
            if (key == null || aggressor && !auctionTrade)
            {
                return;
            }
            final LinkedHashMap<Long, Long> level = level(key);
            final long shown = level.get(order.orderId()) - quantity;
            if (order.leavesQty() == 0)
            {
                remove(order.orderId());
            }
            else if (shown <= 0)
            {
                // The slice is used up: the next one joins the back of the level.
                level.remove(order.orderId());
                level.put(order.orderId(), order.displayQty() > 0 ?
                    order.displayQty() : Math.min(order.leavesQty(), order.maxFloor()));
            }
            else
            {
                level.put(order.orderId(), shown);
            }
        }

        @Override
        public void onOrderCancelled(final OrderView order, final CancelReason reason, final long cancelledQty)
        {
            remove(order.orderId());
        }

        @Override
        public void onOrderReduced(final OrderView order, final long reducedBy, final CancelReason reason)
        {
            if (order.leavesQty() == 0)
            {
                remove(order.orderId());
            }
        }

        @Override
        public void onBookOrderAdded(final OrderView order)
        {
            remove(order.orderId());
            add(new LevelKey(order.instrumentId(), order.side(), order.price()), order.orderId(), order.displayQty());
        }

        @Override
        public void onBookOrderModified(final OrderView order)
        {
            final LevelKey key = index.get(order.orderId());
            if (key != null)
            {
                level(key).put(order.orderId(), order.displayQty());
            }
        }

        @Override
        public void onBookOrderRemoved(final OrderView order)
        {
            remove(order.orderId());
        }

        @Override
        public void afterCommand(final MatchingEngine engine, final List<String> violations)
        {
            violations.addAll(seen);
            seen.clear();
            queues.clear();
            index.clear();
            engine.forEachLiveOrder(order ->
            {
                if (order.displayQty() > 0)
                {
                    add(new LevelKey(order.instrumentId(), order.side(), order.price()), order.orderId(),
                        order.displayQty());
                }
            });
        }

        private TreeMap<Long, LinkedHashMap<Long, Long>> side(final int instrumentId, final Side side)
        {
            return queues.computeIfAbsent(instrumentId * 2 + side.ordinal(), k -> new TreeMap<>(
                side == Side.BUY ? Comparator.<Long>reverseOrder() : Comparator.<Long>naturalOrder()));
        }

        private LinkedHashMap<Long, Long> level(final LevelKey key)
        {
            return side(key.instrumentId(), key.side()).computeIfAbsent(key.price(), k -> new LinkedHashMap<>());
        }

        private void add(final LevelKey key, final long orderId, final long shown)
        {
            level(key).put(orderId, shown);
            index.put(orderId, key);
        }

        private void remove(final long orderId)
        {
            final LevelKey key = index.remove(orderId);
            if (key != null)
            {
                final TreeMap<Long, LinkedHashMap<Long, Long>> side = side(key.instrumentId(), key.side());
                final LinkedHashMap<Long, Long> level = side.get(key.price());
                level.remove(orderId);
                if (level.isEmpty())
                {
                    side.remove(key.price());
                }
            }
        }
    }

    /**
     * The book is never crossed at rest in continuous trading: after each command, an instrument that is
     * continuous and not halted has best bid below best ask (or an empty side), and no market order (nor
     * triggered stop) rests on it. IOC and FOK orders never outlive the command that brought them (a stop waits for
     * its trigger first).
     */
    static final class UncrossedBook implements StreamRun.Check
    {
        @Override
        public void afterCommand(final MatchingEngine engine, final List<String> violations)
        {
            for (final InstrumentSpec spec : CommandStreams.INSTRUMENTS)
            {
                final int id = spec.id();
                final long bid = engine.bestBid(id);
                final long ask = engine.bestAsk(id);
                if (engine.phase(id) == TradingPhase.CONTINUOUS && !engine.isHalted(id) &&
                    bid != Price.NONE && ask != Price.NONE && bid >= ask)
                {
                    violations.add("instrument " + id + " is crossed at rest in continuous trading: bid " +
                        Price.toString(bid) + " ask " + Price.toString(ask));
                }
            }
            engine.forEachLiveOrder(order ->
            {
                final int id = order.instrumentId();
                final boolean continuous = engine.phase(id) == TradingPhase.CONTINUOUS && !engine.isHalted(id);
                final boolean worksAsMarket = order.ordType() == OrdType.MARKET ||
                    order.ordType() == OrdType.STOP && order.triggered();
                if (continuous && worksAsMarket)
                {
                    violations.add("a market order rests in continuous trading: " + TranscriptListener.describe(order));
                }
                final boolean waitingForTrigger = order.ordType().isStop() && !order.triggered();
                if ((order.timeInForce() == TimeInForce.IOC || order.timeInForce() == TimeInForce.FOK) &&
                    !waitingForTrigger)
                {
                    violations.add("an immediate order outlived its command: " + TranscriptListener.describe(order));
                }
            });
        }
    }

    /**
     * Bad input is answered, never thrown: every NEW_ORDER is either accepted or rejected, every CANCEL either
     * cancels (USER) or is cancel-rejected, every REPLACE either replaces or is cancel-rejected, exactly once.
     */
    static final class EveryCommandAnswered implements StreamRun.Check
    {
        private CommandType type;
        private final Map<String, Integer> answers = new LinkedHashMap<>();

        @Override
        public void onOrderAccepted(final OrderView order)
        {
            answer("accepted");
        }

        @Override
        public void onOrderRejected(final Command command, final RejectReason reason)
        {
            answer("rejected");
        }

        @Override
        public void onCancelRejected(final Command command, final RejectReason reason)
        {
            answer("cancel-rejected");
        }

        @Override
        public void onOrderCancelled(final OrderView order, final CancelReason reason, final long cancelledQty)
        {
            if (reason == CancelReason.USER)
            {
                answer("cancelled");
            }
        }

        @Override
        public void onOrderReplaced(final OrderView order)
        {
            answer("replaced");
        }

        @Override
        public void onCommandProcessed(final Command command, final long sequence)
        {
            type = command.type();
        }

        @Override
        public void afterCommand(final MatchingEngine engine, final List<String> violations)
        {
            final List<String> allowed = switch (Objects.requireNonNullElse(type, CommandType.TIMER_TICK))
            {
                case NEW_ORDER -> List.of("accepted", "rejected");
                case CANCEL -> List.of("cancelled", "cancel-rejected");
                case REPLACE -> List.of("replaced", "cancel-rejected");
                default -> List.of();
            };
            final int total = answers.values().stream().mapToInt(Integer::intValue).sum();
            final boolean answered = allowed.isEmpty() ? total == 0 :
                total == 1 && allowed.contains(answers.keySet().iterator().next());
            if (type != null && !answered)
            {
                violations.add(type + " answered with " + answers + ", expected exactly one of " + allowed);
            }
            answers.clear();
            type = null;
        }

        private void answer(final String kind)
        {
            answers.merge(kind, 1, Integer::sum);
        }
    }
}
