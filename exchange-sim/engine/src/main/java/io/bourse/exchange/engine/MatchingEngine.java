package io.bourse.exchange.engine;

import io.bourse.codecs.types.OrdType;
import io.bourse.codecs.types.Price;
import io.bourse.codecs.types.Side;
import io.bourse.codecs.types.TimeInForce;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The matching engine: applies {@link Command}s one at a time and reports what happened to an {@link EngineListener}.
 *
 * <p>Single-threaded and deterministic: it reads no clock (time comes with each command), draws no random numbers
 * and iterates nothing in hash order, so the same commands always give the same events. Bad input is answered with
 * a reject event, never an exception. The steady state allocates nothing: orders and price levels are pooled, and
 * the indexes grow only when they run out of room.
 *
 * <p>The rules it applies are published in {@code docs/matching-rules.md}.
 */
public final class MatchingEngine
{
    private static final int MATCH_FILLED = 0;
    private static final int MATCH_NO_LIQUIDITY = 1;
    private static final int MATCH_LIMIT_REACHED = 2;
    private static final int MATCH_COLLAR_REACHED = 3;
    private static final int MATCH_HALTED = 4;
    private static final int MATCH_TAKER_CANCELLED = 5;

    private static final EngineListener SILENT = new EngineListener()
    {
    };

    private EngineListener listener;
    private final BookType bookType;
    private final Instrument[] instrumentsById;
    private final Instrument[] instruments;
    private final Long2ObjectHashMap<Order> ordersById = new Long2ObjectHashMap<>(1 << 16, 0.65f);
    private final ClOrdIdIndex clOrdIdIndex = new ClOrdIdIndex();
    private final ExpiryQueue expiryQueue = new ExpiryQueue();

    private Order[] orderPool = new Order[1024];
    private int orderPoolSize;
    private PriceLevel[] levelPool = new PriceLevel[256];
    private int levelPoolSize;
    private Order[] scratch = new Order[64];
    private final ClientOrderId lookupId = new ClientOrderId();
    private final Command restoreCommand = new Command();

    private long sequence;
    private long lastTimestamp;
    private long nextOrderId = 1;
    private long nextTradeId = 1;
    private long tradeCount;
    private long tradedQuantity;
    private int restingOrderCount;

    public MatchingEngine(final Collection<InstrumentSpec> instrumentSpecs, final EngineListener listener)
    {
        this(instrumentSpecs, listener, BookType.FAST);
    }

    public MatchingEngine(
        final Collection<InstrumentSpec> instrumentSpecs, final EngineListener listener, final BookType bookType)
    {
        this.listener = listener;
        this.bookType = bookType;
        int maxId = 0;
        for (final InstrumentSpec spec : instrumentSpecs)
        {
            maxId = Math.max(maxId, spec.id());
        }
        instrumentsById = new Instrument[maxId + 1];
        final List<Instrument> sorted = new ArrayList<>();
        for (final InstrumentSpec spec : instrumentSpecs)
        {
            if (instrumentsById[spec.id()] != null)
            {
                throw new IllegalArgumentException("duplicate instrument id " + spec.id());
            }
            final Instrument instrument = new Instrument(spec, bookType);
            instrumentsById[spec.id()] = instrument;
            sorted.add(instrument);
        }
        sorted.sort((a, b) -> Integer.compare(a.id, b.id));
        instruments = sorted.toArray(new Instrument[0]);
        for (int i = 0; i < orderPool.length; i++)
        {
            orderPool[orderPoolSize++] = new Order();
        }
        for (int i = 0; i < levelPool.length; i++)
        {
            levelPool[levelPoolSize++] = new PriceLevel();
        }
    }

    /**
     * Applies one command and reports its effects to the listener before returning.
     *
     * @return the command's sequence number: 1 for the first command this engine (or its snapshot's origin) saw.
     */
    public long process(final Command command)
    {
        final long seq = ++sequence;
        lastTimestamp = command.timestamp();
        switch (command.type())
        {
            case NEW_ORDER:
                newOrder(command);
                break;
            case CANCEL:
                cancel(command);
                break;
            case REPLACE:
                replace(command);
                break;
            case MASS_CANCEL:
                massCancel(command);
                break;
            case SET_PHASE:
                setPhase(command);
                break;
            case HALT:
                halt(command);
                break;
            case RESUME:
                resume(command);
                break;
            case SET_REFERENCE_PRICE:
                setReferencePrice(command);
                break;
            case TIMER_TICK:
                timerTick(command);
                break;
            default:
                listener.onCommandRejected(command, RejectReason.INVALID_COMMAND);
        }
        listener.onCommandProcessed(command, seq);
        return seq;
    }

    // ------------------------------------------------------------------------------------------------ new orders

    private void newOrder(final Command command)
    {
        final Instrument instrument = instrument(command.instrumentId());
        final RejectReason reason = validateNewOrder(command, instrument);
        if (reason != null)
        {
            listener.onOrderRejected(command, reason);
            return;
        }

        final Order order = allocateOrder();
        order.init(nextOrderId++, command, instrument);
        index(order);
        listener.onOrderAccepted(order);

        if (order.ordType.isStop())
        {
            instrument.stops(order.side).add(order);
        }
        else
        {
            work(instrument, order, true);
        }
        triggerStops(instrument);
    }

    private RejectReason validateNewOrder(final Command command, final Instrument instrument)
    {
        if (instrument == null)
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        final Side side = command.side();
        final OrdType ordType = command.ordType();
        final TimeInForce tif = command.timeInForce();
        if (side == null || ordType == null || tif == null || command.selfTradePrevention() == null)
        {
            return RejectReason.INVALID_COMMAND;
        }
        if (command.clOrdId().isEmpty())
        {
            return RejectReason.INVALID_CLORDID;
        }
        if (clOrdIdIndex.find(command.sessionId(), command.clOrdId()) != null)
        {
            return RejectReason.DUPLICATE_CLORDID;
        }
        if (!instrument.phase.acceptsOrders())
        {
            return RejectReason.MARKET_CLOSED;
        }
        if (instrument.phase.isCall() && tif.isImmediate())
        {
            return RejectReason.NOT_ALLOWED_IN_PHASE;
        }
        if ((ordType == OrdType.MARKET || ordType == OrdType.STOP) && (tif == TimeInForce.GTC || tif == TimeInForce.GTD))
        {
            return RejectReason.UNSUPPORTED_ORDER_TYPE;
        }
        final RejectReason quantityReason = validateQuantity(command.quantity(), instrument);
        if (quantityReason != null)
        {
            return quantityReason;
        }
        final RejectReason priceReason = validatePrices(command, ordType, instrument);
        if (priceReason != null)
        {
            return priceReason;
        }
        final long quantity = command.quantity();
        final long minQty = command.minQty();
        if (minQty < 0 || minQty > quantity || minQty % instrument.lotSize != 0)
        {
            return RejectReason.INVALID_MIN_QTY;
        }
        final RejectReason floorReason = validateMaxFloor(command.maxFloor(), quantity, ordType, tif, instrument);
        if (floorReason != null)
        {
            return floorReason;
        }
        if (tif == TimeInForce.GTD && command.expireTime() <= command.timestamp())
        {
            return RejectReason.INVALID_EXPIRE_TIME;
        }
        if (command.postOnly())
        {
            if (ordType != OrdType.LIMIT || tif.isImmediate())
            {
                return RejectReason.INVALID_COMMAND;
            }
            if (instrument.matchesNow() && wouldCross(instrument, side, command.price()))
            {
                return RejectReason.POST_ONLY_WOULD_TAKE;
            }
        }
        return null;
    }

    private static RejectReason validateQuantity(final long quantity, final Instrument instrument)
    {
        if (quantity <= 0)
        {
            return RejectReason.INVALID_QUANTITY;
        }
        if (quantity % instrument.lotSize != 0)
        {
            return RejectReason.INVALID_LOT_SIZE;
        }
        return null;
    }

    private static RejectReason validatePrices(final Command command, final OrdType ordType, final Instrument instrument)
    {
        final long price = command.price();
        if (ordType.hasLimitPrice())
        {
            if (price == Price.NONE || price <= 0)
            {
                return RejectReason.INVALID_PRICE;
            }
            if (!instrument.isTickMultiple(price))
            {
                return RejectReason.INVALID_TICK_SIZE;
            }
            if (!instrument.isWithinStaticBand(price))
            {
                return RejectReason.PRICE_OUT_OF_BAND;
            }
        }
        else if (price != Price.NONE)
        {
            return RejectReason.INVALID_PRICE;
        }

        final long stopPrice = command.stopPrice();
        if (ordType.isStop())
        {
            if (stopPrice == Price.NONE || stopPrice <= 0)
            {
                return RejectReason.MISSING_STOP_PRICE;
            }
            if (!instrument.isTickMultiple(stopPrice))
            {
                return RejectReason.INVALID_TICK_SIZE;
            }
        }
        else if (stopPrice != Price.NONE)
        {
            return RejectReason.INVALID_PRICE;
        }
        return null;
    }

    private static RejectReason validateMaxFloor(
        final long maxFloor, final long quantity, final OrdType ordType, final TimeInForce tif, final Instrument instrument)
    {
        if (maxFloor < 0 || maxFloor > quantity || maxFloor % instrument.lotSize != 0)
        {
            return RejectReason.INVALID_MAX_FLOOR;
        }
        if (maxFloor > 0 && (tif.isImmediate() || !ordType.hasLimitPrice()))
        {
            return RejectReason.INVALID_MAX_FLOOR;
        }
        return null;
    }

    private static boolean wouldCross(final Instrument instrument, final Side side, final long price)
    {
        final PriceLevel best = instrument.levels(side.opposite()).best();
        if (best == null)
        {
            return false;
        }
        return side == Side.BUY ? best.price <= price : best.price >= price;
    }

    /**
     * Takes a working order (new, triggered, or replaced with loss of priority) through matching and then rests or
     * cancels what is left. {@code entry} is true on arrival only: MinQty applies then and never again.
     */
    private void work(final Instrument instrument, final Order order, final boolean entry)
    {
        if (!instrument.matchesNow())
        {
            if (instrument.halted && (order.marketable || order.timeInForce.isImmediate()))
            {
                cancelOrder(order, CancelReason.HALT);
            }
            else
            {
                rest(instrument, order);
            }
            return;
        }

        if (order.timeInForce == TimeInForce.FOK || (entry && order.minQty > 0))
        {
            final long required = order.timeInForce == TimeInForce.FOK ? order.leavesQty : order.minQty;
            final long available = executableQuantity(instrument, order, required);
            if (order.timeInForce == TimeInForce.FOK && available < required)
            {
                cancelOrder(order, CancelReason.FOK);
                return;
            }
            if (available > 0 && available < required)
            {
                cancelOrder(order, CancelReason.MIN_QTY);
                return;
            }
        }

        final int result = match(instrument, order);
        if (result == MATCH_TAKER_CANCELLED)
        {
            return;
        }
        if (order.leavesQty == 0)
        {
            release(order);
            return;
        }
        final boolean canRest = !order.marketable && !order.timeInForce.isImmediate();
        if (canRest)
        {
            rest(instrument, order);
        }
        else if (result == MATCH_HALTED)
        {
            cancelOrder(order, CancelReason.HALT);
        }
        else if (result == MATCH_COLLAR_REACHED)
        {
            cancelOrder(order, CancelReason.PRICE_COLLAR);
        }
        else
        {
            cancelOrder(order, CancelReason.IOC_REMAINDER);
        }
    }

    /** How much of the order could trade at once (up to {@code enough}), hidden quantity included. */
    private long executableQuantity(final Instrument instrument, final Order taker, final long enough)
    {
        final PriceLevels opposite = instrument.levels(taker.side.opposite());
        final long limit = taker.marketable ? instrument.collar(taker.side) : taker.bookPrice;
        final boolean buy = taker.side == Side.BUY;
        final boolean excludeOwnFirm = selfTradePreventionApplies(taker);
        long available = 0;
        for (PriceLevel level = opposite.best(); level != null && available < enough; level = opposite.nextWorse(level))
        {
            final long price = level.price;
            if ((buy ? price > limit : price < limit) || !instrument.isWithinDynamicBand(price))
            {
                break;
            }
            if (excludeOwnFirm)
            {
                for (Order maker = level.head; maker != null; maker = maker.next)
                {
                    if (maker.firmId != taker.firmId)
                    {
                        available += maker.leavesQty;
                    }
                }
            }
            else
            {
                available += level.totalQty;
            }
        }
        return available;
    }

    private static boolean selfTradePreventionApplies(final Order taker)
    {
        return taker.selfTradePrevention != SelfTradePrevention.NONE && taker.firmId != 0;
    }

    /** Continuous matching of an incoming order against the opposite side, best price first, oldest first. */
    private int match(final Instrument instrument, final Order taker)
    {
        final PriceLevels opposite = instrument.levels(taker.side.opposite());
        final long limit = taker.marketable ? instrument.collar(taker.side) : taker.bookPrice;
        final boolean buy = taker.side == Side.BUY;
        final boolean stp = selfTradePreventionApplies(taker);

        while (taker.leavesQty > 0)
        {
            final PriceLevel level = opposite.best();
            if (level == null)
            {
                return MATCH_NO_LIQUIDITY;
            }
            final long price = level.price;
            if (buy ? price > limit : price < limit)
            {
                return taker.marketable ? MATCH_COLLAR_REACHED : MATCH_LIMIT_REACHED;
            }
            if (!instrument.isWithinDynamicBand(price))
            {
                instrument.halted = true;
                listener.onStatusChanged(instrument.id, instrument.phase, true);
                return MATCH_HALTED;
            }

            Order maker = level.head;
            while (maker != null && taker.leavesQty > 0)
            {
                Order next = maker.next;
                if (stp && maker.firmId == taker.firmId)
                {
                    preventSelfTrade(taker, maker);
                    if (taker.done)
                    {
                        return MATCH_TAKER_CANCELLED;
                    }
                    maker = next;
                    continue;
                }

                final long quantity = Math.min(taker.leavesQty, maker.displayQty);
                trade(instrument, maker, taker, price, quantity, taker.side, false);
                if (maker.displayQty == 0)
                {
                    if (maker.leavesQty == 0)
                    {
                        removeFromBook(maker);
                        release(maker);
                    }
                    else
                    {
                        refreshSlice(maker);
                        if (next == null)
                        {
                            next = maker;
                        }
                    }
                }
                else
                {
                    listener.onBookOrderModified(maker);
                    reportLevel(level);
                }
                maker = next;
            }
        }
        return MATCH_FILLED;
    }

    private void preventSelfTrade(final Order taker, final Order maker)
    {
        switch (taker.selfTradePrevention)
        {
            case CANCEL_NEWEST:
                cancelOrder(taker, CancelReason.SELF_TRADE);
                break;
            case CANCEL_OLDEST:
                cancelOrder(maker, CancelReason.SELF_TRADE);
                break;
            case CANCEL_BOTH:
                cancelOrder(maker, CancelReason.SELF_TRADE);
                cancelOrder(taker, CancelReason.SELF_TRADE);
                break;
            case DECREMENT:
                final long decrement = Math.min(taker.leavesQty, maker.leavesQty);
                decrement(maker, decrement);
                decrement(taker, decrement);
                break;
            default:
                throw new IllegalStateException("no self-trade prevention to apply: " + taker.selfTradePrevention);
        }
    }

    /** Self-trade prevention in decrement mode: less open quantity, no trade. */
    private void decrement(final Order order, final long quantity)
    {
        if (order.leavesQty == quantity)
        {
            cancelOrder(order, CancelReason.SELF_TRADE);
            return;
        }
        final PriceLevel level = order.level;
        final long newDisplay = Math.min(order.displayQty, order.leavesQty - quantity);
        if (level != null)
        {
            level.totalQty -= quantity;
            level.displayedQty -= order.displayQty - newDisplay;
        }
        order.leavesQty -= quantity;
        order.quantity -= quantity;
        final boolean displayChanged = newDisplay != order.displayQty;
        order.displayQty = newDisplay;
        listener.onOrderReduced(order, quantity, CancelReason.SELF_TRADE);
        if (level != null && displayChanged && !isMarketLevel(level))
        {
            listener.onBookOrderModified(order);
            reportLevel(level);
        }
    }

    private void trade(
        final Instrument instrument,
        final Order maker,
        final Order taker,
        final long price,
        final long quantity,
        final Side aggressorSide,
        final boolean auction)
    {
        final long tradeId = nextTradeId++;
        tradeCount++;
        tradedQuantity += quantity;
        fill(maker, price, quantity);
        fill(taker, price, quantity);
        instrument.setLastTradePrice(price);

        final Order buy = maker.side == Side.BUY ? maker : taker;
        final Order sell = maker.side == Side.BUY ? taker : maker;
        listener.onTrade(instrument.id, tradeId, price, quantity, buy.orderId, sell.orderId, aggressorSide, auction);
        listener.onExecution(maker, tradeId, price, quantity, false);
        listener.onExecution(taker, tradeId, price, quantity, !auction);
    }

    private static void fill(final Order order, final long price, final long quantity)
    {
        order.cumQty += quantity;
        order.leavesQty -= quantity;
        order.cumNotional += price * quantity;
        final PriceLevel level = order.level;
        if (level != null)
        {
            level.totalQty -= quantity;
            if (!isMarketLevel(level))
            {
                order.displayQty -= quantity;
                level.displayedQty -= quantity;
            }
        }
        if (order.leavesQty == 0)
        {
            order.done = true;
        }
    }

    // ------------------------------------------------------------------------------------------------ the book

    private void rest(final Instrument instrument, final Order order)
    {
        if (order.marketable)
        {
            order.displayQty = 0;
            instrument.marketOrders(order.side).append(order);
            return;
        }
        order.displayQty = order.nextDisplaySlice();
        restingOrderCount++;
        final PriceLevels levels = instrument.levels(order.side);
        PriceLevel level = levels.find(order.bookPrice);
        if (level == null)
        {
            level = allocateLevel();
            level.init(order.instrument.id, order.side, order.bookPrice);
            levels.insert(level);
        }
        level.append(order);
        listener.onBookOrderAdded(order);
        reportLevel(level);
    }

    private void removeFromBook(final Order order)
    {
        final PriceLevel level = order.level;
        level.unlink(order);
        if (isMarketLevel(level))
        {
            return;
        }
        restingOrderCount--;
        listener.onBookOrderRemoved(order);
        reportLevel(level);
        if (level.isEmpty())
        {
            order.instrument.levels(level.side).remove(level);
            releaseLevel(level);
        }
    }

    /** An iceberg whose slice is used up shows a new slice at the back of its level, losing time priority. */
    private void refreshSlice(final Order order)
    {
        final PriceLevel level = order.level;
        level.unlink(order);
        if (!isMarketLevel(level))
        {
            listener.onBookOrderRemoved(order);
        }
        order.displayQty = order.nextDisplaySlice();
        level.append(order);
        if (!isMarketLevel(level))
        {
            listener.onBookOrderAdded(order);
            reportLevel(level);
        }
    }

    private void reportLevel(final PriceLevel level)
    {
        listener.onLevelChanged(level.instrumentId, level.side, level.price, level.displayedQty, level.orderCount);
    }

    private static boolean isMarketLevel(final PriceLevel level)
    {
        return level.price == Price.NONE;
    }

    // ------------------------------------------------------------------------------------------------ cancel

    private void cancel(final Command command)
    {
        final Order order = locate(command);
        if (order == null)
        {
            return;
        }
        cancelOrder(order, CancelReason.USER);
    }

    /** Finds the order a CANCEL or REPLACE names and checks ownership; reports a cancel reject and returns null. */
    private Order locate(final Command command)
    {
        final Order order;
        if (command.orderId() != 0)
        {
            order = ordersById.get(command.orderId());
        }
        else if (!command.origClOrdId().isEmpty())
        {
            order = clOrdIdIndex.find(command.sessionId(), command.origClOrdId());
        }
        else
        {
            listener.onCancelRejected(command, RejectReason.INVALID_COMMAND);
            return null;
        }
        if (order == null || (command.instrumentId() != 0 && command.instrumentId() != order.instrument.id))
        {
            listener.onCancelRejected(command, RejectReason.UNKNOWN_ORDER);
            return null;
        }
        if (order.sessionId != command.sessionId())
        {
            listener.onCancelRejected(command, RejectReason.NOT_OWNER);
            return null;
        }
        return order;
    }

    /** Takes a live order off the book (or the stop queue) and reports it cancelled. */
    private void cancelOrder(final Order order, final CancelReason reason)
    {
        if (order.isOnBook())
        {
            removeFromBook(order);
        }
        if (order.inStopBook)
        {
            order.instrument.stops(order.side).remove(order);
        }
        final long cancelled = order.leavesQty;
        order.leavesQty = 0;
        order.displayQty = 0;
        order.done = true;
        listener.onOrderCancelled(order, reason, cancelled);
        release(order);
    }

    // ------------------------------------------------------------------------------------------------ replace

    private void replace(final Command command)
    {
        final Order order = locate(command);
        if (order == null)
        {
            return;
        }
        final RejectReason reason = validateReplace(command, order);
        if (reason != null)
        {
            listener.onCancelRejected(command, reason);
            return;
        }

        final Instrument instrument = order.instrument;
        final long newQuantity = command.quantity();
        final long newPrice = order.ordType.hasLimitPrice() ? command.price() : Price.NONE;
        final long newMaxFloor = command.maxFloor();
        final long newLeaves = newQuantity - order.cumQty;

        clOrdIdIndex.remove(order);
        order.origClOrdId.copyFrom(order.clOrdId);
        order.clOrdId.copyFrom(command.clOrdId());
        clOrdIdIndex.add(order);

        if (newLeaves <= 0)
        {
            if (order.isOnBook())
            {
                removeFromBook(order);
            }
            if (order.inStopBook)
            {
                instrument.stops(order.side).remove(order);
            }
            order.quantity = newQuantity;
            order.leavesQty = 0;
            order.displayQty = 0;
            order.done = true;
            listener.onOrderReplaced(order);
            release(order);
            return;
        }

        final boolean keepsPriority = order.isOnBook() && newPrice == order.price &&
            newQuantity <= order.quantity && newMaxFloor == order.maxFloor;
        if (keepsPriority)
        {
            final PriceLevel level = order.level;
            final long newDisplay = Math.min(order.displayQty, newLeaves);
            final boolean displayChanged = newDisplay != order.displayQty;
            level.totalQty += newLeaves - order.leavesQty;
            level.displayedQty += newDisplay - order.displayQty;
            order.quantity = newQuantity;
            order.leavesQty = newLeaves;
            order.displayQty = newDisplay;
            listener.onOrderReplaced(order);
            if (displayChanged && !isMarketLevel(level))
            {
                listener.onBookOrderModified(order);
                reportLevel(level);
            }
            return;
        }

        if (order.isOnBook())
        {
            removeFromBook(order);
        }
        final boolean waitingStop = order.inStopBook;
        if (waitingStop)
        {
            instrument.stops(order.side).remove(order);
            order.stopPrice = command.stopPrice();
        }
        order.quantity = newQuantity;
        order.leavesQty = newLeaves;
        order.displayQty = 0;
        order.maxFloor = newMaxFloor;
        order.price = newPrice;
        if (order.triggered)
        {
            order.bookPrice = newPrice;
        }
        listener.onOrderReplaced(order);
        if (waitingStop)
        {
            instrument.stops(order.side).add(order);
        }
        else
        {
            work(instrument, order, false);
        }
        triggerStops(instrument);
    }

    private RejectReason validateReplace(final Command command, final Order order)
    {
        final Instrument instrument = order.instrument;
        if (command.side() != order.side || command.ordType() != order.ordType)
        {
            return RejectReason.REPLACE_NOT_ALLOWED;
        }
        if (command.clOrdId().isEmpty())
        {
            return RejectReason.INVALID_CLORDID;
        }
        if (clOrdIdIndex.find(command.sessionId(), command.clOrdId()) != null)
        {
            return RejectReason.DUPLICATE_CLORDID;
        }
        if (!instrument.phase.acceptsOrders())
        {
            return RejectReason.MARKET_CLOSED;
        }
        final RejectReason quantityReason = validateQuantity(command.quantity(), instrument);
        if (quantityReason != null)
        {
            return quantityReason;
        }
        if (order.ordType.hasLimitPrice())
        {
            final long price = command.price();
            if (price == Price.NONE || price <= 0)
            {
                return RejectReason.INVALID_PRICE;
            }
            if (!instrument.isTickMultiple(price))
            {
                return RejectReason.INVALID_TICK_SIZE;
            }
            if (!instrument.isWithinStaticBand(price))
            {
                return RejectReason.PRICE_OUT_OF_BAND;
            }
        }
        else if (command.price() != Price.NONE)
        {
            return RejectReason.INVALID_PRICE;
        }
        if (order.inStopBook)
        {
            final long stopPrice = command.stopPrice();
            if (stopPrice == Price.NONE || stopPrice <= 0)
            {
                return RejectReason.MISSING_STOP_PRICE;
            }
            if (!instrument.isTickMultiple(stopPrice))
            {
                return RejectReason.INVALID_TICK_SIZE;
            }
        }
        final RejectReason floorReason = validateMaxFloor(
            command.maxFloor(), command.quantity(), order.ordType, order.timeInForce, instrument);
        if (floorReason != null)
        {
            return floorReason;
        }
        if (order.postOnly && instrument.matchesNow() && command.price() != order.price &&
            wouldCross(instrument, order.side, command.price()))
        {
            return RejectReason.POST_ONLY_WOULD_TAKE;
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ stops

    /**
     * Releases every stop order the last trade price has reached, in the order a moving price reaches them (see
     * {@link StopOrders}); between the two sides, the earlier-arrived first.
     */
    private void triggerStops(final Instrument instrument)
    {
        while (instrument.matchesNow() && instrument.lastTradePrice != Price.NONE)
        {
            final long last = instrument.lastTradePrice;
            final Order buyStop = instrument.buyStops.firstTriggersAt(last) ? instrument.buyStops.first() : null;
            final Order sellStop = instrument.sellStops.firstTriggersAt(last) ? instrument.sellStops.first() : null;
            final Order stop;
            if (buyStop == null && sellStop == null)
            {
                return;
            }
            else if (buyStop == null)
            {
                stop = sellStop;
            }
            else if (sellStop == null)
            {
                stop = buyStop;
            }
            else
            {
                stop = buyStop.orderId < sellStop.orderId ? buyStop : sellStop;
            }
            instrument.stops(stop.side).remove(stop);
            stop.triggered = true;
            stop.marketable = stop.ordType == OrdType.STOP;
            stop.bookPrice = stop.price;
            listener.onOrderTriggered(stop);
            work(instrument, stop, false);
        }
    }

    // ------------------------------------------------------------------------------------------------ mass cancel

    private void massCancel(final Command command)
    {
        final int instrumentId = command.instrumentId();
        if (instrumentId != 0 && instrument(instrumentId) == null)
        {
            listener.onCommandRejected(command, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        int count = 0;
        for (final Instrument instrument : instruments)
        {
            if (instrumentId == 0 || instrument.id == instrumentId)
            {
                count += cancelMatching(instrument, command.sessionId(), command.dayOnly(), CancelReason.MASS_CANCEL);
            }
        }
        listener.onMassCancelCompleted(command, count);
    }

    /** Cancels the instrument's live orders of a session (0 = all) in snapshot order; returns how many. */
    private int cancelMatching(
        final Instrument instrument, final int sessionId, final boolean dayOnly, final CancelReason reason)
    {
        int count = 0;
        final int total = collectLiveOrders(instrument);
        for (int i = 0; i < total; i++)
        {
            final Order order = scratch[i];
            scratch[i] = null;
            if ((sessionId == 0 || order.sessionId == sessionId) &&
                (!dayOnly || order.timeInForce == TimeInForce.DAY))
            {
                cancelOrder(order, reason);
                count++;
            }
        }
        return count;
    }

    /** Copies the instrument's live orders into {@link #scratch} in snapshot order; returns how many. */
    private int collectLiveOrders(final Instrument instrument)
    {
        int count = 0;
        for (final Side side : SIDES)
        {
            count = collectLevel(instrument.marketOrders(side), count);
            final PriceLevels levels = instrument.levels(side);
            for (PriceLevel level = levels.best(); level != null; level = levels.nextWorse(level))
            {
                count = collectLevel(level, count);
            }
        }
        for (final Side side : SIDES)
        {
            final StopOrders stops = instrument.stops(side);
            for (int i = 0; i < stops.size(); i++)
            {
                count = collect(stops.get(i), count);
            }
        }
        return count;
    }

    private int collectLevel(final PriceLevel level, final int start)
    {
        int count = start;
        for (Order order = level.head; order != null; order = order.next)
        {
            count = collect(order, count);
        }
        return count;
    }

    private int collect(final Order order, final int count)
    {
        if (count == scratch.length)
        {
            final Order[] grown = new Order[scratch.length * 2];
            System.arraycopy(scratch, 0, grown, 0, count);
            scratch = grown;
        }
        scratch[count] = order;
        return count + 1;
    }

    private static final Side[] SIDES = {Side.BUY, Side.SELL};

    // ------------------------------------------------------------------------------------------------ phases

    private void setPhase(final Command command)
    {
        final Instrument instrument = instrument(command.instrumentId());
        if (instrument == null || command.phase() == null)
        {
            listener.onCommandRejected(
                command, instrument == null ? RejectReason.UNKNOWN_INSTRUMENT : RejectReason.INVALID_COMMAND);
            return;
        }
        final TradingPhase from = instrument.phase;
        final TradingPhase to = command.phase();
        if (from == to)
        {
            return;
        }
        final boolean uncross = !instrument.halted &&
            ((to == TradingPhase.CONTINUOUS) || (from.isCall() && to == TradingPhase.CLOSED));
        if (uncross)
        {
            uncross(instrument);
        }
        instrument.phase = to;
        if (to == TradingPhase.CLOSED)
        {
            cancelMatching(instrument, 0, true, CancelReason.END_OF_DAY);
        }
        listener.onStatusChanged(instrument.id, to, instrument.halted);
        triggerStops(instrument);
    }

    private void halt(final Command command)
    {
        final Instrument instrument = instrument(command.instrumentId());
        if (instrument == null)
        {
            listener.onCommandRejected(command, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        if (instrument.halted)
        {
            return;
        }
        instrument.halted = true;
        listener.onStatusChanged(instrument.id, instrument.phase, true);
    }

    private void resume(final Command command)
    {
        final Instrument instrument = instrument(command.instrumentId());
        if (instrument == null)
        {
            listener.onCommandRejected(command, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        if (!instrument.halted)
        {
            return;
        }
        instrument.halted = false;
        if (instrument.phase == TradingPhase.CONTINUOUS)
        {
            uncross(instrument);
        }
        listener.onStatusChanged(instrument.id, instrument.phase, false);
        triggerStops(instrument);
    }

    private void setReferencePrice(final Command command)
    {
        final Instrument instrument = instrument(command.instrumentId());
        if (instrument == null)
        {
            listener.onCommandRejected(command, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        final long price = command.price();
        if (price == Price.NONE || price <= 0 || !instrument.isTickMultiple(price))
        {
            listener.onCommandRejected(command, RejectReason.INVALID_PRICE);
            return;
        }
        instrument.setReferencePrice(price);
        listener.onReferencePriceChanged(instrument.id, price);
    }

    // ------------------------------------------------------------------------------------------------ auctions

    /**
     * Uncrosses a call: finds the price of maximum executable volume, then minimum imbalance, then nearest the
     * reference price (the higher on a tie), and executes everything that crosses at that one price in price-time
     * priority. Market orders left over are cancelled.
     */
    private void uncross(final Instrument instrument)
    {
        final long reference = instrument.referencePrice;
        long bestPrice = Price.NONE;
        long bestVolume = 0;
        long bestImbalance = 0;

        final PriceLevel marketBuys = instrument.marketBuys;
        final PriceLevel marketSells = instrument.marketSells;
        final long marketBuyQty = marketBuys.totalQty;
        final long marketSellQty = marketSells.totalQty;

        // Candidate prices: every limit price on either side, and the reference price.
        for (int pass = 0; pass < 3; pass++)
        {
            final PriceLevels candidates = pass == 0 ? instrument.bids : instrument.asks;
            PriceLevel candidateLevel = pass == 2 ? null : candidates.best();
            if (pass < 2 && candidateLevel == null)
            {
                continue;
            }
            do
            {
                final long price = pass == 2 ? reference : candidateLevel.price;
                final long buyVolume = (price <= instrument.collar(Side.BUY) ? marketBuyQty : 0) +
                    volumeAtOrBetter(instrument.bids, Side.BUY, price);
                final long sellVolume = (price >= instrument.collar(Side.SELL) ? marketSellQty : 0) +
                    volumeAtOrBetter(instrument.asks, Side.SELL, price);
                final long volume = Math.min(buyVolume, sellVolume);
                final long imbalance = buyVolume - sellVolume;
                if (volume > 0 && isBetterUncross(price, volume, imbalance, bestPrice, bestVolume, bestImbalance, reference))
                {
                    bestPrice = price;
                    bestVolume = volume;
                    bestImbalance = imbalance;
                }
                candidateLevel = pass == 2 ? null : candidates.nextWorse(candidateLevel);
            }
            while (candidateLevel != null);
        }

        if (bestVolume > 0)
        {
            executeUncross(instrument, bestPrice);
            instrument.setReferencePrice(bestPrice);
            listener.onReferencePriceChanged(instrument.id, bestPrice);
        }
        listener.onAuctionResult(instrument.id, bestPrice, bestVolume, bestVolume > 0 ? bestImbalance : 0);

        for (final Side side : SIDES)
        {
            final PriceLevel markets = instrument.marketOrders(side);
            while (markets.head != null)
            {
                cancelOrder(markets.head, CancelReason.IOC_REMAINDER);
            }
        }
    }

    private static boolean isBetterUncross(
        final long price,
        final long volume,
        final long imbalance,
        final long bestPrice,
        final long bestVolume,
        final long bestImbalance,
        final long reference)
    {
        if (bestPrice == Price.NONE || volume != bestVolume)
        {
            return volume > bestVolume;
        }
        final long absImbalance = Math.abs(imbalance);
        final long bestAbsImbalance = Math.abs(bestImbalance);
        if (absImbalance != bestAbsImbalance)
        {
            return absImbalance < bestAbsImbalance;
        }
        final long distance = Math.abs(price - reference);
        final long bestDistance = Math.abs(bestPrice - reference);
        if (distance != bestDistance)
        {
            return distance < bestDistance;
        }
        return price > bestPrice;
    }

    /** Quantity (hidden included) of one side willing to trade at {@code price}. */
    private static long volumeAtOrBetter(final PriceLevels levels, final Side side, final long price)
    {
        long volume = 0;
        for (PriceLevel level = levels.best(); level != null; level = levels.nextWorse(level))
        {
            if (side == Side.BUY ? level.price < price : level.price > price)
            {
                break;
            }
            volume += level.totalQty;
        }
        return volume;
    }

    private void executeUncross(final Instrument instrument, final long price)
    {
        final boolean marketBuysTrade = price <= instrument.collar(Side.BUY);
        final boolean marketSellsTrade = price >= instrument.collar(Side.SELL);
        while (true)
        {
            final PriceLevel buyLevel =
                marketBuysTrade && instrument.marketBuys.head != null ? instrument.marketBuys : instrument.bids.best();
            final PriceLevel sellLevel =
                marketSellsTrade && instrument.marketSells.head != null ? instrument.marketSells : instrument.asks.best();
            if (buyLevel == null || sellLevel == null)
            {
                return;
            }
            if ((!isMarketLevel(buyLevel) && buyLevel.price < price) ||
                (!isMarketLevel(sellLevel) && sellLevel.price > price))
            {
                return;
            }
            final Order buy = buyLevel.head;
            final Order sell = sellLevel.head;
            final long quantity = Math.min(auctionQuantity(buy), auctionQuantity(sell));
            trade(instrument, buy, sell, price, quantity, null, true);
            afterAuctionFill(buy);
            afterAuctionFill(sell);
        }
    }

    /** A waiting market order trades its whole open quantity; a limit order its displayed slice, then the next. */
    private static long auctionQuantity(final Order order)
    {
        return isMarketLevel(order.level) ? order.leavesQty : order.displayQty;
    }

    private void afterAuctionFill(final Order order)
    {
        if (isMarketLevel(order.level))
        {
            if (order.leavesQty == 0)
            {
                removeFromBook(order);
                release(order);
            }
            return;
        }
        if (order.displayQty > 0)
        {
            listener.onBookOrderModified(order);
            reportLevel(order.level);
        }
        else if (order.leavesQty == 0)
        {
            removeFromBook(order);
            release(order);
        }
        else
        {
            refreshSlice(order);
        }
    }

    // ------------------------------------------------------------------------------------------------ timer

    private void timerTick(final Command command)
    {
        final long now = command.timestamp();
        Order first;
        while ((first = expiryQueue.first()) != null && first.expireTime <= now)
        {
            cancelOrder(first, CancelReason.EXPIRY);
        }
    }


    // ------------------------------------------------------------------------------------------------ queries

    public long lastSequence()
    {
        return sequence;
    }

    public BookType bookType()
    {
        return bookType;
    }

    /** @return the live order with this OrderID, or null. */
    public OrderView order(final long orderId)
    {
        return ordersById.get(orderId);
    }

    /** @return the session's live order with this ClOrdID, or null. Does not allocate. */
    public OrderView order(final int sessionId, final ClientOrderId clOrdId)
    {
        return clOrdIdIndex.find(sessionId, clOrdId);
    }

    /** @return the session's live order with this ClOrdID, or null. */
    public OrderView order(final int sessionId, final CharSequence clOrdId)
    {
        lookupId.set(clOrdId);
        return clOrdIdIndex.find(sessionId, lookupId);
    }

    public TradingPhase phase(final int instrumentId)
    {
        return requireInstrument(instrumentId).phase;
    }

    public boolean isHalted(final int instrumentId)
    {
        return requireInstrument(instrumentId).halted;
    }

    /** @return the best bid price, or {@link Price#NONE} when there is none. */
    public long bestBid(final int instrumentId)
    {
        final PriceLevel best = requireInstrument(instrumentId).bids.best();
        return best == null ? Price.NONE : best.price;
    }

    /** @return the best offer price, or {@link Price#NONE} when there is none. */
    public long bestAsk(final int instrumentId)
    {
        final PriceLevel best = requireInstrument(instrumentId).asks.best();
        return best == null ? Price.NONE : best.price;
    }

    public long referencePrice(final int instrumentId)
    {
        return requireInstrument(instrumentId).referencePrice;
    }

    /** @return the last trade price, or {@link Price#NONE} before the first trade. */
    public long lastTradePrice(final int instrumentId)
    {
        return requireInstrument(instrumentId).lastTradePrice;
    }

    /** Orders resting on the visible books; market orders waiting for an uncross and untriggered stops excluded. */
    public int restingOrderCount()
    {
        return restingOrderCount;
    }

    /** Every live order, untriggered stops included. */
    public int liveOrderCount()
    {
        return ordersById.size();
    }

    /** @return the earliest expire time of a live GTD order, or Long.MAX_VALUE: when a timer tick has work. */
    public long nextExpiryTime()
    {
        final Order first = expiryQueue.first();
        return first == null ? Long.MAX_VALUE : first.expireTime;
    }

    public long tradeCount()
    {
        return tradeCount;
    }

    public long tradedQuantity()
    {
        return tradedQuantity;
    }

    /**
     * Visits every live order in snapshot order: per instrument by id, bids then asks (waiting market orders, then
     * best price first, oldest first), then buy and sell stops in trigger order. Not for the hot path.
     */
    public void forEachLiveOrder(final Consumer<OrderView> action)
    {
        for (final Instrument instrument : instruments)
        {
            final int count = collectLiveOrders(instrument);
            final Order[] orders = new Order[count];
            System.arraycopy(scratch, 0, orders, 0, count);
            java.util.Arrays.fill(scratch, 0, count, null);
            for (final Order order : orders)
            {
                action.accept(order);
            }
        }
    }

    /** A hash of the whole state that does not depend on the book implementation. */
    public long stateHash()
    {
        final long[] hash = {sequence * 31 + nextOrderId};
        hash[0] = mix(hash[0], nextTradeId);
        hash[0] = mix(hash[0], tradeCount);
        hash[0] = mix(hash[0], tradedQuantity);
        for (final Instrument instrument : instruments)
        {
            hash[0] = mix(hash[0], instrument.id);
            hash[0] = mix(hash[0], instrument.phase.ordinal());
            hash[0] = mix(hash[0], instrument.halted ? 1 : 0);
            hash[0] = mix(hash[0], instrument.referencePrice);
            hash[0] = mix(hash[0], instrument.lastTradePrice);
        }
        forEachLiveOrder(view ->
        {
            final Order order = (Order)view;
            long h = hash[0];
            h = mix(h, order.orderId);
            h = mix(h, order.sessionId);
            h = mix(h, order.firmId);
            h = mix(h, order.instrument.id);
            h = mix(h, order.clOrdId.contentHash());
            h = mix(h, order.origClOrdId.contentHash());
            h = mix(h, order.side.ordinal());
            h = mix(h, order.ordType.ordinal());
            h = mix(h, order.timeInForce.ordinal());
            h = mix(h, order.quantity);
            h = mix(h, order.price);
            h = mix(h, order.stopPrice);
            h = mix(h, order.cumQty);
            h = mix(h, order.leavesQty);
            h = mix(h, order.cumNotional);
            h = mix(h, order.displayQty);
            h = mix(h, order.maxFloor);
            h = mix(h, order.minQty);
            h = mix(h, order.expireTime);
            h = mix(h, order.postOnly ? 1 : 0);
            h = mix(h, order.selfTradePrevention.ordinal());
            h = mix(h, order.triggered ? 1 : 0);
            h = mix(h, order.entryTimestamp);
            hash[0] = h;
        });
        return hash[0];
    }

    private static long mix(final long hash, final long value)
    {
        long h = (hash ^ value) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        return h;
    }

    private Instrument requireInstrument(final int instrumentId)
    {
        final Instrument instrument = instrument(instrumentId);
        if (instrument == null)
        {
            throw new IllegalArgumentException("unknown instrument " + instrumentId);
        }
        return instrument;
    }

    // ------------------------------------------------------------------------------------------------ snapshots

    /** The whole state, in the order {@link #fromSnapshot} needs to restore priorities. Allocates; not hot. */
    public EngineSnapshot snapshot()
    {
        final List<EngineSnapshot.InstrumentState> instrumentStates = new ArrayList<>();
        for (final Instrument instrument : instruments)
        {
            instrumentStates.add(new EngineSnapshot.InstrumentState(
                instrument.id, instrument.phase, instrument.halted, instrument.referencePrice, instrument.lastTradePrice));
        }
        final List<EngineSnapshot.OrderState> orderStates = new ArrayList<>();
        forEachLiveOrder(view ->
        {
            final Order o = (Order)view;
            orderStates.add(new EngineSnapshot.OrderState(
                o.orderId, o.sessionId, o.firmId, o.instrument.id, o.clOrdId.toString(), o.origClOrdId.toString(),
                o.side, o.ordType, o.timeInForce, o.quantity, o.price, o.stopPrice, o.cumQty, o.leavesQty,
                o.cumNotional, o.displayQty, o.maxFloor, o.minQty, o.expireTime, o.postOnly, o.selfTradePrevention,
                o.triggered, o.entryTimestamp));
        });
        return new EngineSnapshot(
            sequence, lastTimestamp, nextOrderId, nextTradeId, tradeCount, tradedQuantity, instrumentStates, orderStates);
    }

    /** Rebuilds an engine from a snapshot, reporting nothing: it continues exactly where the snapshot was taken. */
    public static MatchingEngine fromSnapshot(
        final Collection<InstrumentSpec> instrumentSpecs,
        final EngineListener listener,
        final BookType bookType,
        final EngineSnapshot snapshot)
    {
        final MatchingEngine engine = new MatchingEngine(instrumentSpecs, listener, bookType);
        engine.restore(snapshot);
        return engine;
    }

    private void restore(final EngineSnapshot snapshot)
    {
        final EngineListener reporting = listener;
        listener = SILENT;
        try
        {
            restoreState(snapshot);
        }
        finally
        {
            listener = reporting;
        }
    }

    private void restoreState(final EngineSnapshot snapshot)
    {
        sequence = snapshot.sequence();
        lastTimestamp = snapshot.lastTimestamp();
        nextOrderId = snapshot.nextOrderId();
        nextTradeId = snapshot.nextTradeId();
        tradeCount = snapshot.tradeCount();
        tradedQuantity = snapshot.tradedQuantity();
        for (final EngineSnapshot.InstrumentState state : snapshot.instruments())
        {
            final Instrument instrument = requireInstrument(state.instrumentId());
            instrument.phase = state.phase();
            instrument.halted = state.halted();
            instrument.setReferencePrice(state.referencePrice());
            instrument.setLastTradePrice(state.lastTradePrice());
        }
        for (final EngineSnapshot.OrderState state : snapshot.orders())
        {
            final Instrument instrument = requireInstrument(state.instrumentId());
            final Order order = allocateOrder();
            restoreCommand.reset(CommandType.NEW_ORDER)
                .timestamp(state.entryTimestamp())
                .sessionId(state.sessionId())
                .firmId(state.firmId())
                .instrumentId(state.instrumentId())
                .clOrdId(state.clOrdId())
                .side(state.side())
                .ordType(state.ordType())
                .timeInForce(state.timeInForce())
                .quantity(state.quantity())
                .price(state.price())
                .stopPrice(state.stopPrice())
                .minQty(state.minQty())
                .maxFloor(state.maxFloor())
                .expireTime(state.expireTime())
                .postOnly(state.postOnly())
                .selfTradePrevention(state.selfTradePrevention());
            order.init(state.orderId(), restoreCommand, instrument);
            order.origClOrdId.set(state.origClOrdId());
            order.cumQty = state.cumQty();
            order.leavesQty = state.leavesQty();
            order.cumNotional = state.cumNotional();
            order.triggered = state.triggered();
            order.marketable = order.ordType == OrdType.MARKET || (order.ordType == OrdType.STOP && order.triggered);
            order.bookPrice = order.price;
            index(order);
            if (!order.triggered)
            {
                instrument.stops(order.side).add(order);
            }
            else
            {
                rest(instrument, order);
                final long display = state.displayQty();
                final PriceLevel level = order.level;
                level.displayedQty += display - order.displayQty;
                order.displayQty = display;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ bookkeeping

    private Instrument instrument(final int instrumentId)
    {
        return instrumentId > 0 && instrumentId < instrumentsById.length ? instrumentsById[instrumentId] : null;
    }

    private void index(final Order order)
    {
        ordersById.put(order.orderId, order);
        clOrdIdIndex.add(order);
        if (order.timeInForce == TimeInForce.GTD)
        {
            expiryQueue.add(order);
        }
    }

    /** The order is done and every event about it has been reported: unindex it and return it to the pool. */
    private void release(final Order order)
    {
        ordersById.remove(order.orderId);
        clOrdIdIndex.remove(order);
        if (order.inExpiryQueue)
        {
            expiryQueue.remove(order);
        }
        order.instrument = null;
        if (orderPoolSize == orderPool.length)
        {
            final Order[] grown = new Order[orderPool.length * 2];
            System.arraycopy(orderPool, 0, grown, 0, orderPoolSize);
            orderPool = grown;
        }
        orderPool[orderPoolSize++] = order;
    }

    private Order allocateOrder()
    {
        return orderPoolSize > 0 ? orderPool[--orderPoolSize] : new Order();
    }

    private PriceLevel allocateLevel()
    {
        return levelPoolSize > 0 ? levelPool[--levelPoolSize] : new PriceLevel();
    }

    private void releaseLevel(final PriceLevel level)
    {
        if (levelPoolSize == levelPool.length)
        {
            final PriceLevel[] grown = new PriceLevel[levelPool.length * 2];
            System.arraycopy(levelPool, 0, grown, 0, levelPoolSize);
            levelPool = grown;
        }
        levelPool[levelPoolSize++] = level;
    }
}
