package io.bourse.exchange.fix;

import io.bourse.codecs.types.OrdType;
import io.bourse.codecs.types.Side;
import io.bourse.codecs.types.TimeInForce;
import io.bourse.exchange.app.ExchangeConfig;
import io.bourse.exchange.engine.Command;
import io.bourse.exchange.engine.CommandType;
import io.bourse.exchange.engine.OrderView;
import io.bourse.exchange.journal.JournaledEngine;
import io.bourse.fix42.builder.BusinessMessageRejectEncoder;
import io.bourse.fix42.builder.RejectEncoder;
import io.bourse.fix42.decoder.NewOrderSingleDecoder;
import io.bourse.fix42.decoder.OrderCancelReplaceRequestDecoder;
import io.bourse.fix42.decoder.OrderCancelRequestDecoder;
import io.bourse.fix42.decoder.OrderStatusRequestDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import uk.co.real_logic.artio.builder.Decoder;
import uk.co.real_logic.artio.builder.Encoder;
import uk.co.real_logic.artio.fields.ReadOnlyDecimalFloat;
import uk.co.real_logic.artio.fields.UtcTimestampDecoder;
import uk.co.real_logic.artio.session.Session;
import uk.co.real_logic.artio.util.MutableAsciiBuffer;

import java.util.function.Predicate;

/**
 * The order-entry side of the FIX gateway, on the engine thread: decodes and validates NewOrderSingle,
 * OrderCancelRequest, OrderCancelReplaceRequest and OrderStatusRequest into engine {@link Command}s; refuses what the
 * engine cannot be asked (unknown symbol, values with no exact form) with the FIX 4.2 answer; answers malformed
 * messages with a session Reject, unsupported ones with a BusinessMessageReject, and a session over its message
 * rate with a BusinessMessageReject too.
 */
public final class OrderEntry
{
    private static final char EXEC_INST_PARTICIPATE_DONT_INITIATE = '6';
    private static final int BUSINESS_REJECT_OTHER = 0;
    private static final int BUSINESS_REJECT_UNSUPPORTED_MESSAGE_TYPE = 3;
    private static final long ONE_SECOND_NANOS = 1_000_000_000L;
    private static final int SESSION_REJECT_INVALID_MSG_TYPE = 11;
    private static final int MAX_FIX42_SESSION_REJECT_REASON = 11;
    private static final int SESSION_REJECT_TAG_NOT_DEFINED_FOR_MESSAGE_TYPE = 2;
    private static final int SESSION_REJECT_TAG_OUT_OF_ORDER = 14;
    private static final int SESSION_REJECT_GROUP_FIELDS_OUT_OF_ORDER = 15;
    private static final Predicate<Decoder> NO_GROUPS = decoder -> false;

    private final SessionRegistry sessions;
    private final InstrumentDirectory instruments;
    private final ExecutionReporter reporter;
    private final OutboundQueue outbound;
    private final EpochNanoClock clock;
    private JournaledEngine engine;

    private final MutableAsciiBuffer ascii = new MutableAsciiBuffer();
    private final NewOrderSingleDecoder newOrder = new NewOrderSingleDecoder();
    private final OrderCancelRequestDecoder cancel = new OrderCancelRequestDecoder();
    private final OrderCancelReplaceRequestDecoder replace = new OrderCancelReplaceRequestDecoder();
    private final OrderStatusRequestDecoder status = new OrderStatusRequestDecoder();
    private final RejectEncoder sessionReject = new RejectEncoder();
    private final BusinessMessageRejectEncoder businessReject = new BusinessMessageRejectEncoder();
    private final UtcTimestampDecoder utcTimestamp = new UtcTimestampDecoder(true);
    private final Command command = new Command();
    private final byte[] msgTypeBytes = new byte[2];
    private final byte[] symbolBytes = new byte[64];

    private final long[] throttleWindowStart;
    private final int[] throttleCount;

    public OrderEntry(
        final SessionRegistry sessions,
        final InstrumentDirectory instruments,
        final ExecutionReporter reporter,
        final OutboundQueue outbound,
        final EpochNanoClock clock)
    {
        this.outbound = outbound;
        this.sessions = sessions;
        this.instruments = instruments;
        this.reporter = reporter;
        this.clock = clock;
        int maxId = 0;
        for (final ExchangeConfig.SessionConfig session : sessions.all())
        {
            maxId = Math.max(maxId, session.id());
        }
        throttleWindowStart = new long[maxId + 1];
        throttleCount = new int[maxId + 1];
    }

    public void engine(final JournaledEngine engine)
    {
        this.engine = engine;
    }

    /** Applies an operator or timer command (cancel-on-disconnect, timer ticks, phases) on the engine thread. */
    public void submit(final Command operatorCommand)
    {
        reporter.currentCommand(operatorCommand);
        engine.process(operatorCommand);
    }

    /** One application message from a logged-on session. */
    void onApplicationMessage(
        final int sessionId,
        final Session session,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long messageType)
    {
        ascii.wrap(buffer);
        if (overThrottle(sessionId))
        {
            final Decoder header = headerOnly(offset, length);
            rejectBusiness(session, header.header(), messageType, BUSINESS_REJECT_OTHER, "throttle limit exceeded");
            return;
        }
        if (messageType == NewOrderSingleDecoder.MESSAGE_TYPE)
        {
            onNewOrder(sessionId, session, offset, length);
        }
        else if (messageType == OrderCancelRequestDecoder.MESSAGE_TYPE)
        {
            onCancel(sessionId, session, offset, length);
        }
        else if (messageType == OrderCancelReplaceRequestDecoder.MESSAGE_TYPE)
        {
            onReplace(sessionId, session, offset, length);
        }
        else if (messageType == OrderStatusRequestDecoder.MESSAGE_TYPE)
        {
            onStatusRequest(sessionId, session, offset, length);
        }
        else if (FixMessageTypes.isDefined(messageType))
        {
            final Decoder header = headerOnly(offset, length);
            rejectBusiness(session, header.header(), messageType, BUSINESS_REJECT_UNSUPPORTED_MESSAGE_TYPE,
                "unsupported message type");
        }
        else
        {
            final Decoder header = headerOnly(offset, length);
            sessionReject.reset();
            sessionReject.refSeqNum(msgSeqNum(header))
                .refMsgType(msgTypeBytes, putMessageType(messageType))
                .sessionRejectReason(SESSION_REJECT_INVALID_MSG_TYPE)
                .text("invalid MsgType");
            send(session, sessionReject);
        }
    }

    private void onNewOrder(final int sessionId, final Session session, final int offset, final int length)
    {
        final NewOrderSingleDecoder decoder = newOrder;
        if (!decodedOrRejected(session, decoder, NewOrderSingleDecoder.MESSAGE_TYPE, offset, length,
            order -> order.hasNoAllocsGroupCounter() || order.hasNoTradingSessionsGroupCounter()))
        {
            return;
        }
        final ExchangeConfig.SessionConfig config = sessions.config(sessionId);
        final long now = clock.nanoTime();
        command.reset(CommandType.NEW_ORDER)
            .timestamp(now)
            .sessionId(sessionId)
            .firmId(config.firmId())
            .selfTradePrevention(config.selfTradePrevention());
        command.clOrdId().set(decoder.clOrdID(), decoder.clOrdIDLength());
        final int instrumentId = instruments.idOf(decoder.symbol(), decoder.symbolLength());
        command.instrumentId(instrumentId)
            .side(Side.fromFix(decoder.side()))
            .ordType(OrdType.fromFix(decoder.ordType()))
            .timeInForce(decoder.hasTimeInForce() ? TimeInForce.fromFix(decoder.timeInForce()) : TimeInForce.DAY);

        final String problem = fillOrderFields(decoder);
        if (problem != null || instrumentId == 0)
        {
            final int symbolLength = Math.min(decoder.symbolLength(), symbolBytes.length);
            for (int i = 0; i < symbolLength; i++)
            {
                symbolBytes[i] = (byte)decoder.symbol()[i];
            }
            reporter.rejectBeforeEngine(sessionId, command,
                instrumentId == 0 ? RejectTexts.ORD_REJ_UNKNOWN_SYMBOL : RejectTexts.ORD_REJ_BROKER_OPTION,
                instrumentId == 0 ? "unknown symbol" : problem, symbolBytes, symbolLength);
            return;
        }
        process();
    }

    /** @return a Text for the reject when a field has no exact engine form, else null. */
    private String fillOrderFields(final NewOrderSingleDecoder decoder)
    {
        if (command.clOrdId().isEmpty())
        {
            return "ClOrdID must be 1-40 printable characters";
        }
        if (command.side() == null)
        {
            return "unsupported Side";
        }
        if (command.ordType() == null)
        {
            return "unsupported OrdType";
        }
        if (command.timeInForce() == null)
        {
            return "unsupported TimeInForce";
        }
        final OrderFieldProblem problem = fillQuantityAndPrices(
            decoder.hasOrderQty() ? decoder.orderQty() : null,
            decoder.hasPrice() ? decoder.price() : null,
            decoder.hasStopPx() ? decoder.stopPx() : null,
            decoder.hasMaxFloor() ? decoder.maxFloor() : null);
        if (problem != null)
        {
            return problem.text();
        }
        if (decoder.hasMinQty())
        {
            final long minQty = FixValues.wholeQuantity(decoder.minQty());
            if (minQty == FixValues.INVALID)
            {
                return "MinQty must be a whole number";
            }
            command.minQty(minQty);
        }
        if (decoder.hasExpireTime())
        {
            final long expireTime = utcTimestamp.decodeNanos(decoder.expireTime(), decoder.expireTimeLength());
            command.expireTime(expireTime);
        }
        if (decoder.hasExecInst())
        {
            command.postOnly(contains(decoder.execInst(), decoder.execInstLength(), EXEC_INST_PARTICIPATE_DONT_INITIATE));
        }
        return null;
    }

    private void onCancel(final int sessionId, final Session session, final int offset, final int length)
    {
        final OrderCancelRequestDecoder decoder = cancel;
        if (!decodedOrRejected(session, decoder, OrderCancelRequestDecoder.MESSAGE_TYPE, offset, length, NO_GROUPS))
        {
            return;
        }
        command.reset(CommandType.CANCEL)
            .timestamp(clock.nanoTime())
            .sessionId(sessionId)
            .side(Side.fromFix(decoder.side()));
        command.clOrdId().set(decoder.clOrdID(), decoder.clOrdIDLength());
        command.origClOrdId().set(decoder.origClOrdID(), decoder.origClOrdIDLength());
        if (decoder.hasOrderID())
        {
            command.orderId(parseOrderId(decoder.orderID(), decoder.orderIDLength()));
        }
        final int instrumentId = instruments.idOf(decoder.symbol(), decoder.symbolLength());
        // An unknown symbol names no order of this venue: the engine answers "unknown order".
        command.instrumentId(instrumentId == 0 ? Integer.MAX_VALUE : instrumentId);
        process();
    }

    private void onReplace(final int sessionId, final Session session, final int offset, final int length)
    {
        final OrderCancelReplaceRequestDecoder decoder = replace;
        if (!decodedOrRejected(session, decoder, OrderCancelReplaceRequestDecoder.MESSAGE_TYPE, offset, length,
            order -> order.hasNoAllocsGroupCounter() || order.hasNoTradingSessionsGroupCounter()))
        {
            return;
        }
        command.reset(CommandType.REPLACE)
            .timestamp(clock.nanoTime())
            .sessionId(sessionId)
            .side(Side.fromFix(decoder.side()))
            .ordType(OrdType.fromFix(decoder.ordType()));
        command.clOrdId().set(decoder.clOrdID(), decoder.clOrdIDLength());
        command.origClOrdId().set(decoder.origClOrdID(), decoder.origClOrdIDLength());
        if (decoder.hasOrderID())
        {
            command.orderId(parseOrderId(decoder.orderID(), decoder.orderIDLength()));
        }
        final int instrumentId = instruments.idOf(decoder.symbol(), decoder.symbolLength());
        command.instrumentId(instrumentId == 0 ? Integer.MAX_VALUE : instrumentId);
        final OrderFieldProblem problem = fillQuantityAndPrices(
            decoder.hasOrderQty() ? decoder.orderQty() : null,
            decoder.hasPrice() ? decoder.price() : null,
            decoder.hasStopPx() ? decoder.stopPx() : null,
            decoder.hasMaxFloor() ? decoder.maxFloor() : null);
        if (problem != null)
        {
            reporter.onCancelRejected(command, problem.replaceRejectReason());
            return;
        }
        process();
    }

    /**
     * Fills OrderQty, Price, StopPx and MaxFloor (null = absent) into the command, shared by new orders and replaces.
     * @return the first field with no exact engine form, or null.
     */
    private OrderFieldProblem fillQuantityAndPrices(
        final ReadOnlyDecimalFloat orderQty,
        final ReadOnlyDecimalFloat price,
        final ReadOnlyDecimalFloat stopPx,
        final ReadOnlyDecimalFloat maxFloor)
    {
        if (orderQty == null)
        {
            return OrderFieldProblem.MISSING_ORDER_QTY;
        }
        final long quantity = FixValues.wholeQuantity(orderQty);
        if (quantity == FixValues.INVALID)
        {
            return OrderFieldProblem.FRACTIONAL_ORDER_QTY;
        }
        command.quantity(quantity);
        if (price != null)
        {
            final long scaled = FixValues.scaledPrice(price);
            if (scaled == FixValues.INVALID)
            {
                return OrderFieldProblem.OFF_TICK_PRICE;
            }
            command.price(scaled);
        }
        if (stopPx != null)
        {
            final long scaled = FixValues.scaledPrice(stopPx);
            if (scaled == FixValues.INVALID)
            {
                return OrderFieldProblem.OFF_TICK_STOP_PRICE;
            }
            command.stopPrice(scaled);
        }
        if (maxFloor != null)
        {
            final long floor = FixValues.wholeQuantity(maxFloor);
            if (floor == FixValues.INVALID)
            {
                return OrderFieldProblem.FRACTIONAL_MAX_FLOOR;
            }
            command.maxFloor(floor);
        }
        return null;
    }

    private void onStatusRequest(final int sessionId, final Session session, final int offset, final int length)
    {
        final OrderStatusRequestDecoder decoder = status;
        if (!decodedOrRejected(session, decoder, OrderStatusRequestDecoder.MESSAGE_TYPE, offset, length, NO_GROUPS))
        {
            return;
        }
        command.reset(CommandType.TIMER_TICK).sessionId(sessionId).side(Side.fromFix(decoder.side()));
        if (command.side() == null)
        {
            command.side(Side.BUY);
        }
        command.clOrdId().set(decoder.clOrdID(), decoder.clOrdIDLength());
        command.instrumentId(instruments.idOf(decoder.symbol(), decoder.symbolLength()));
        OrderView order = null;
        if (decoder.hasOrderID())
        {
            final long orderId = parseOrderId(decoder.orderID(), decoder.orderIDLength());
            order = orderId > 0 ? engine.engine().order(orderId) : null;
        }
        if (order == null)
        {
            order = engine.engine().order(sessionId, command.clOrdId());
        }
        final long now = clock.nanoTime();
        if (order != null && order.sessionId() == sessionId)
        {
            reporter.reportStatus(order, now);
        }
        else
        {
            reporter.reportUnknownOrder(sessionId, command, now);
        }
    }

    private void process()
    {
        reporter.currentCommand(command);
        engine.process(command);
    }

    private boolean overThrottle(final int sessionId)
    {
        final long now = clock.nanoTime();
        if (now - throttleWindowStart[sessionId] >= ONE_SECOND_NANOS)
        {
            throttleWindowStart[sessionId] = now;
            throttleCount[sessionId] = 0;
        }
        return ++throttleCount[sessionId] > sessions.config(sessionId).throttlePerSecond();
    }

    private Decoder headerOnly(final int offset, final int length)
    {
        // Any decoder reads the standard header; the status request decoder is the smallest.
        status.reset();
        status.decode(ascii, offset, length);
        return status;
    }

    /** Session-level Reject of a message the codec found malformed, naming the tag and the reason it found. */
    private void rejectSession(final Session session, final Decoder decoder, final long messageType)
    {
        rejectSession(session, decoder, messageType, decoder.invalidTagId(), decoder.rejectReason());
    }

    /**
     * Decodes the message; a malformed one gets a session Reject and false comes back. The codec checks a repeating
     * group's count but not the order of its fields (see {@link RepeatingGroupOrder}), so when the decoded message has
     * groups their order is checked first: a field repeated inside an entry is then named as such and not taken for
     * a count mismatch, as QuickFIX names it. Messages without groups (nearly all) are not scanned again. A header
     * field in the body, which the codec calls a tag not defined for the message type, is named out of order.
     */
    private <D extends Decoder> boolean decodedOrRejected(
        final Session session,
        final D decoder,
        final long messageType,
        final int offset,
        final int length,
        final Predicate<? super D> hasGroups)
    {
        decoder.reset();
        decoder.decode(ascii, offset, length);
        if (hasGroups.test(decoder))
        {
            final int tag = RepeatingGroupOrder.firstFieldOutOfOrder(ascii, offset, length);
            if (tag != RepeatingGroupOrder.IN_ORDER)
            {
                rejectSession(session, decoder, messageType, tag, SESSION_REJECT_GROUP_FIELDS_OUT_OF_ORDER);
                return false;
            }
        }
        if (!decoder.validate())
        {
            final int tag = decoder.invalidTagId();
            if (decoder.rejectReason() == SESSION_REJECT_TAG_NOT_DEFINED_FOR_MESSAGE_TYPE &&
                StandardHeaderTags.contains(tag))
            {
                rejectSession(session, decoder, messageType, tag, SESSION_REJECT_TAG_OUT_OF_ORDER);
            }
            else
            {
                rejectSession(session, decoder, messageType);
            }
            return false;
        }
        return true;
    }

    /**
     * Session-level Reject of a malformed application message. FIX 4.2 defines SessionRejectReason 0-11 only: the
     * later codes (repeated tag, fields out of order, group count mismatch) arrive with FIX 4.3 and a strict FIX 4.2
     * counterparty refuses them, so those rejects carry no 373 and a Text naming the problem.
     */
    private void rejectSession(
        final Session session, final Decoder decoder, final long messageType, final int refTagId, final int reason)
    {
        sessionReject.reset();
        sessionReject.refSeqNum(msgSeqNum(decoder))
            .refTagID(refTagId)
            .refMsgType(msgTypeBytes, putMessageType(messageType));
        if (reason <= MAX_FIX42_SESSION_REJECT_REASON)
        {
            sessionReject.sessionRejectReason(reason).text(SessionRejectTexts.of(reason));
        }
        else
        {
            sessionReject.text(SessionRejectTexts.of(reason));
        }
        send(session, sessionReject);
    }

    private void rejectBusiness(
        final Session session,
        final uk.co.real_logic.artio.decoder.SessionHeaderDecoder header,
        final long messageType,
        final int reason,
        final String text)
    {
        businessReject.reset();
        businessReject.refSeqNum(((io.bourse.fix42.decoder.HeaderDecoder)header).msgSeqNum())
            .refMsgType(msgTypeBytes, putMessageType(messageType))
            .businessRejectReason(reason)
            .text(text);
        send(session, businessReject);
    }

    private static int msgSeqNum(final Decoder decoder)
    {
        return ((io.bourse.fix42.decoder.HeaderDecoder)decoder.header()).msgSeqNum();
    }

    /** Artio packs a MsgType into a long, one byte per character, first character lowest. */
    private int putMessageType(final long messageType)
    {
        msgTypeBytes[0] = (byte)(messageType & 0xFF);
        final byte second = (byte)((messageType >>> 8) & 0xFF);
        if (second == 0)
        {
            return 1;
        }
        msgTypeBytes[1] = second;
        return 2;
    }

    private void send(final Session session, final Encoder encoder)
    {
        outbound.send(session, encoder);
    }

    /** OrderID(37) as the venue assigns it: a decimal number; anything else names no order (0). */
    private static long parseOrderId(final char[] chars, final int length)
    {
        if (length == 0 || length > 18)
        {
            return 0;
        }
        long value = 0;
        for (int i = 0; i < length; i++)
        {
            final char c = chars[i];
            if (c < '0' || c > '9')
            {
                return 0;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean contains(final char[] values, final int length, final char wanted)
    {
        for (int i = 0; i < length; i++)
        {
            if (values[i] == wanted)
            {
                return true;
            }
        }
        return false;
    }
}
