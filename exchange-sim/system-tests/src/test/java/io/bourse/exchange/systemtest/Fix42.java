package io.bourse.exchange.systemtest;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.Predicate;

import quickfix.FieldMap;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.field.BeginSeqNo;
import quickfix.field.BidPx;
import quickfix.field.BidType;
import quickfix.field.ClOrdID;
import quickfix.field.EndSeqNo;
import quickfix.field.ExecType;
import quickfix.field.HandlInst;
import quickfix.field.ListID;
import quickfix.field.ListSeqNo;
import quickfix.field.MsgType;
import quickfix.field.OfferPx;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.PossDupFlag;
import quickfix.field.Price;
import quickfix.field.QuoteID;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.field.TotNoOrders;
import quickfix.field.TransactTime;
import quickfix.fix42.NewOrderList;
import quickfix.fix42.NewOrderSingle;
import quickfix.fix42.OrderCancelReplaceRequest;
import quickfix.fix42.OrderCancelRequest;
import quickfix.fix42.OrderStatusRequest;
import quickfix.fix42.Quote;
import quickfix.fix42.ResendRequest;

/**
 * Builds the FIX 4.2 messages a client sends and reads fields of the ones it receives.
 *
 * <p>Quantities and prices are written as the test spells them (setString), so a test that sends {@code 100.005} or
 * {@code -5} puts exactly that on the wire instead of a double QuickFIX/J formatted.
 */
final class Fix42
{
    static final String SYMBOL = "TEST";
    static final char BUY = Side.BUY;
    static final char SELL = Side.SELL;

    /** HandlInst 1: automated, no broker intervention; required on FIX 4.2 orders. */
    private static final char AUTOMATED_PRIVATE = '1';
    private static final char SOH = '\u0001';

    private Fix42()
    {
    }

    /** A Day limit order for TEST. */
    static NewOrderSingle limitOrder(final String clOrdId, final char side, final long quantity, final String price)
    {
        return limitOrder(clOrdId, SYMBOL, side, quantity, price, TimeInForce.DAY);
    }

    static NewOrderSingle limitOrder(
        final String clOrdId,
        final String symbol,
        final char side,
        final long quantity,
        final String price,
        final char timeInForce)
    {
        final NewOrderSingle order = new NewOrderSingle(
            new ClOrdID(clOrdId),
            new HandlInst(AUTOMATED_PRIVATE),
            new Symbol(symbol),
            new Side(side),
            now(),
            new OrdType(OrdType.LIMIT));
        order.setString(OrderQty.FIELD, Long.toString(quantity));
        order.setString(Price.FIELD, price);
        order.setChar(TimeInForce.FIELD, timeInForce);
        return order;
    }

    /** OrderCancelRequest (F) for a TEST order. */
    static OrderCancelRequest cancel(
        final String clOrdId, final String origClOrdId, final char side, final long quantity)
    {
        final OrderCancelRequest cancel = new OrderCancelRequest(
            new OrigClOrdID(origClOrdId), new ClOrdID(clOrdId), new Symbol(SYMBOL), new Side(side), now());
        cancel.setString(OrderQty.FIELD, Long.toString(quantity));
        return cancel;
    }

    /** OrderCancelReplaceRequest (G) of a TEST limit order: new total quantity and price. */
    static OrderCancelReplaceRequest replace(
        final String clOrdId, final String origClOrdId, final char side, final long quantity, final String price)
    {
        final OrderCancelReplaceRequest replace = new OrderCancelReplaceRequest(
            new OrigClOrdID(origClOrdId),
            new ClOrdID(clOrdId),
            new HandlInst(AUTOMATED_PRIVATE),
            new Symbol(SYMBOL),
            new Side(side),
            now(),
            new OrdType(OrdType.LIMIT));
        replace.setString(OrderQty.FIELD, Long.toString(quantity));
        replace.setString(Price.FIELD, price);
        return replace;
    }

    /** OrderStatusRequest (H) for a TEST order, by its current ClOrdID. */
    static OrderStatusRequest statusRequest(final String clOrdId, final char side)
    {
        return new OrderStatusRequest(new ClOrdID(clOrdId), new Symbol(SYMBOL), new Side(side));
    }

    /** A Quote (S): valid FIX 4.2 that an order-entry venue does not support. */
    static Quote quote(final String quoteId)
    {
        final Quote quote = new Quote(new QuoteID(quoteId), new Symbol(SYMBOL));
        quote.setString(BidPx.FIELD, "99.00");
        quote.setString(OfferPx.FIELD, "101.00");
        return quote;
    }

    /** A one-order NewOrderList (E): valid FIX 4.2 that the venue does not support. */
    static NewOrderList orderList(final String listId, final String clOrdId)
    {
        final NewOrderList list = new NewOrderList(new ListID(listId), new BidType(BidType.NO_BIDDING_PROCESS),
            new TotNoOrders(1));
        final NewOrderList.NoOrders order = new NewOrderList.NoOrders();
        order.set(new ClOrdID(clOrdId));
        order.set(new ListSeqNo(1));
        order.set(new Symbol(SYMBOL));
        order.set(new Side(Side.BUY));
        order.set(new OrdType(OrdType.LIMIT));
        order.setString(OrderQty.FIELD, "10");
        order.setString(Price.FIELD, "100.00");
        list.addGroup(order);
        return list;
    }

    /** ResendRequest (2); EndSeqNo 0 means "everything after BeginSeqNo" in FIX 4.2. */
    static ResendRequest resendRequest(final int beginSeqNo, final int endSeqNo)
    {
        return new ResendRequest(new BeginSeqNo(beginSeqNo), new EndSeqNo(endSeqNo));
    }

    static TransactTime now()
    {
        return new TransactTime(LocalDateTime.now(ZoneOffset.UTC));
    }

    /** The value of a header, body or trailer field, or null when the message does not carry it. */
    static String field(final Message message, final int tag)
    {
        for (final FieldMap part : new FieldMap[] {message.getHeader(), message, message.getTrailer()})
        {
            if (part.isSetField(tag))
            {
                try
                {
                    return part.getString(tag);
                }
                catch (final FieldNotFound ex)
                {
                    throw new IllegalStateException("field " + tag + " set but not found", ex);
                }
            }
        }
        return null;
    }

    static int intField(final Message message, final int tag)
    {
        final String value = field(message, tag);
        if (value == null)
        {
            throw new AssertionError("no field " + tag + " in " + describe(message));
        }
        return Integer.parseInt(value);
    }

    static String msgTypeOf(final Message message)
    {
        return field(message, MsgType.FIELD);
    }

    static boolean isPossDup(final Message message)
    {
        return "Y".equals(field(message, PossDupFlag.FIELD));
    }

    /** The message as it goes on the wire, with | for SOH; never throws, as it is used inside failure messages. */
    static String describe(final Message message)
    {
        try
        {
            return message.toString().replace(SOH, '|');
        }
        catch (final RuntimeException ex)
        {
            return "(unprintable message: " + ex + ")";
        }
    }

    static Predicate<Message> msgType(final String msgType)
    {
        return message -> msgType.equals(msgTypeOf(message));
    }

    static Predicate<Message> executionReportFor(final String clOrdId)
    {
        return msgType(MsgType.EXECUTION_REPORT).and(message -> clOrdId.equals(field(message, ClOrdID.FIELD)));
    }

    /** An ExecutionReport of a trade: ExecType 1 (partial fill) or 2 (fill). */
    static Predicate<Message> trade()
    {
        return msgType(MsgType.EXECUTION_REPORT).and(message ->
        {
            final String execType = field(message, ExecType.FIELD);
            return String.valueOf(ExecType.PARTIAL_FILL).equals(execType) ||
                String.valueOf(ExecType.FILL).equals(execType);
        });
    }

    static Predicate<Message> cancelRejectFor(final String clOrdId)
    {
        return msgType(MsgType.ORDER_CANCEL_REJECT).and(message -> clOrdId.equals(field(message, ClOrdID.FIELD)));
    }
}
