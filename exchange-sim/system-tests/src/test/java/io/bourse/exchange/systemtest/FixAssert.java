package io.bourse.exchange.systemtest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import quickfix.ConfigError;
import quickfix.DataDictionary;
import quickfix.Message;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecID;
import quickfix.field.ExecTransType;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.LastShares;
import quickfix.field.LeavesQty;
import quickfix.field.MsgType;
import quickfix.field.OrdRejReason;
import quickfix.field.OrdStatus;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TransactTime;

/**
 * Field-by-field assertions on received messages, parsed by QuickFIX/J ({@link Message}) or read raw
 * ({@link RawFixConnection.RawMessage}). Every check of one call is evaluated and all mismatches are reported
 * together, each as {@code Name(tag): expected X, was Y}, followed by the whole message.
 *
 * <p>The ExecutionReport shapes below are the venue's FIX 4.2 contract (ExecTransType, ExecType and OrdStatus as FIX
 * 4.2 defines them; no ExecType F, which is FIX 4.4).
 */
final class FixAssert
{
    private FixAssert()
    {
    }

    /** One expectation on a message: returns null when it holds, otherwise what was wrong. */
    @FunctionalInterface
    interface Check
    {
        String mismatch(Fields message);
    }

    /** What a check reads: a field's value by tag, null when the message does not have it. */
    @FunctionalInterface
    interface Fields
    {
        String value(int tag);
    }

    static Check is(final int tag, final String expected)
    {
        return message ->
        {
            final String actual = message.value(tag);
            return expected.equals(actual) ? null : name(tag) + ": expected " + expected + ", was " + actual;
        };
    }

    static Check is(final int tag, final char expected)
    {
        return is(tag, String.valueOf(expected));
    }

    static Check is(final int tag, final int expected)
    {
        return is(tag, Integer.toString(expected));
    }

    /** Numeric equality, so that 100, 100.0 and 100.00 all match "100". */
    static Check number(final int tag, final String expected)
    {
        return message ->
        {
            final String actual = message.value(tag);
            try
            {
                if (actual != null && new BigDecimal(actual).compareTo(new BigDecimal(expected)) == 0)
                {
                    return null;
                }
            }
            catch (final NumberFormatException ex)
            {
                return name(tag) + ": expected " + expected + ", was the non-number " + actual;
            }
            return name(tag) + ": expected " + expected + ", was " + actual;
        };
    }

    static Check number(final int tag, final long expected)
    {
        return number(tag, Long.toString(expected));
    }

    static Check present(final int tag)
    {
        return message -> message.value(tag) != null ? null : name(tag) + ": expected a value, was absent";
    }

    static Check absent(final int tag)
    {
        final Check isSet = present(tag);
        return message -> isSet.mismatch(message) != null ? null :
            name(tag) + ": expected absent, was " + message.value(tag);
    }

    /** A human-readable field (Text) that names the problem: it must contain one of the words, ignoring case. */
    static Check oneOf(final int tag, final String... expected)
    {
        return message -> List.of(expected).contains(message.value(tag)) ? null :
            name(tag) + ": expected one of " + List.of(expected) + ", was " + message.value(tag);
    }

    static Check mentions(final int tag, final String... anyOfWords)
    {
        return message ->
        {
            final String actual = message.value(tag);
            if (actual != null)
            {
                final String lower = actual.toLowerCase(Locale.ROOT);
                for (final String word : anyOfWords)
                {
                    if (lower.contains(word.toLowerCase(Locale.ROOT)))
                    {
                        return null;
                    }
                }
            }
            return name(tag) + ": expected a text mentioning any of " + List.of(anyOfWords) + ", was " + actual;
        };
    }

    static void assertFields(final String what, final Message message, final Check... checks)
    {
        assertFields(what, tag -> Fix42.field(message, tag), Fix42.describe(message), checks);
    }

    static void assertFields(final String what, final RawFixConnection.RawMessage message, final Check... checks)
    {
        assertFields(what, message::value, message.toString(), checks);
    }

    private static void assertFields(
        final String what, final Fields fields, final String description, final Check... checks)
    {
        final List<String> mismatches = new ArrayList<>();
        for (final Check check : checks)
        {
            final String mismatch = check.mismatch(fields);
            if (mismatch != null)
            {
                mismatches.add(mismatch);
            }
        }
        if (!mismatches.isEmpty())
        {
            throw new AssertionError(what + ":\n  " + String.join("\n  ", mismatches) + "\nin " + description);
        }
    }

    /** The acknowledgement of a new order: ExecType=0 OrdStatus=0, nothing done yet. */
    static void assertNew(
        final Message report, final String clOrdId, final char side, final long quantity, final String price)
    {
        assertFields("ExecutionReport New for " + clOrdId, report,
            is(MsgType.FIELD, MsgType.EXECUTION_REPORT),
            is(ExecTransType.FIELD, ExecTransType.NEW),
            is(ExecType.FIELD, ExecType.NEW),
            is(OrdStatus.FIELD, OrdStatus.NEW),
            present(OrderID.FIELD),
            is(ClOrdID.FIELD, clOrdId),
            present(ExecID.FIELD),
            is(Symbol.FIELD, Fix42.SYMBOL),
            is(Side.FIELD, side),
            number(OrderQty.FIELD, quantity),
            number(Price.FIELD, price),
            number(CumQty.FIELD, 0),
            number(LeavesQty.FIELD, quantity),
            number(AvgPx.FIELD, 0),
            number(LastShares.FIELD, 0),
            number(LastPx.FIELD, 0),
            present(TransactTime.FIELD));
    }

    /**
     * A trade of the order: a partial fill (ExecType=1 OrdStatus=1) while quantity is left, a fill (2/2) when not.
     */
    static void assertTrade(
        final Message report,
        final String clOrdId,
        final long lastShares,
        final String lastPx,
        final long cumQty,
        final long leavesQty,
        final String avgPx)
    {
        final char status = leavesQty == 0 ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED;
        assertFields((leavesQty == 0 ? "ExecutionReport Fill for " : "ExecutionReport Partial fill for ") + clOrdId,
            report,
            is(MsgType.FIELD, MsgType.EXECUTION_REPORT),
            is(ExecTransType.FIELD, ExecTransType.NEW),
            is(ExecType.FIELD, status),
            is(OrdStatus.FIELD, status),
            present(OrderID.FIELD),
            is(ClOrdID.FIELD, clOrdId),
            present(ExecID.FIELD),
            is(Symbol.FIELD, Fix42.SYMBOL),
            number(LastShares.FIELD, lastShares),
            number(LastPx.FIELD, lastPx),
            number(CumQty.FIELD, cumQty),
            number(LeavesQty.FIELD, leavesQty),
            number(AvgPx.FIELD, avgPx),
            present(TransactTime.FIELD));
    }

    /** The answer to an OrderCancelRequest: ExecType=4 OrdStatus=4, the request's ClOrdID, the order's OrigClOrdID. */
    static void assertCanceled(
        final Message report, final String clOrdId, final String origClOrdId, final long cumQty)
    {
        assertFields("ExecutionReport Canceled for " + clOrdId, report,
            is(MsgType.FIELD, MsgType.EXECUTION_REPORT),
            is(ExecTransType.FIELD, ExecTransType.NEW),
            is(ExecType.FIELD, ExecType.CANCELED),
            is(OrdStatus.FIELD, OrdStatus.CANCELED),
            present(OrderID.FIELD),
            is(ClOrdID.FIELD, clOrdId),
            is(OrigClOrdID.FIELD, origClOrdId),
            present(ExecID.FIELD),
            number(CumQty.FIELD, cumQty),
            number(LeavesQty.FIELD, 0));
    }

    /** A cancel the venue made by itself (IOC remainder, FOK, ...): the order's own ClOrdID and a reason. */
    static void assertUnsolicitedCancel(final Message report, final String clOrdId, final long cumQty)
    {
        assertFields("unsolicited ExecutionReport Canceled for " + clOrdId, report,
            is(MsgType.FIELD, MsgType.EXECUTION_REPORT),
            is(ExecTransType.FIELD, ExecTransType.NEW),
            is(ExecType.FIELD, ExecType.CANCELED),
            is(OrdStatus.FIELD, OrdStatus.CANCELED),
            is(ClOrdID.FIELD, clOrdId),
            present(ExecID.FIELD),
            number(CumQty.FIELD, cumQty),
            number(LeavesQty.FIELD, 0),
            present(Text.FIELD));
    }

    /** The answer to an OrderCancelReplaceRequest: ExecType=5, OrdStatus the order's status after the replace. */
    static void assertReplaced(
        final Message report,
        final String clOrdId,
        final String origClOrdId,
        final char ordStatus,
        final long quantity,
        final String price,
        final long leavesQty)
    {
        assertFields("ExecutionReport Replace for " + clOrdId, report,
            is(MsgType.FIELD, MsgType.EXECUTION_REPORT),
            is(ExecTransType.FIELD, ExecTransType.NEW),
            is(ExecType.FIELD, ExecType.REPLACED),
            is(OrdStatus.FIELD, ordStatus),
            present(OrderID.FIELD),
            is(ClOrdID.FIELD, clOrdId),
            is(OrigClOrdID.FIELD, origClOrdId),
            present(ExecID.FIELD),
            number(OrderQty.FIELD, quantity),
            number(Price.FIELD, price),
            number(LeavesQty.FIELD, leavesQty));
    }

    /** The reject of a NewOrderSingle: ExecType=8 OrdStatus=8, a FIX 4.2 OrdRejReason and a Text naming why. */
    static void assertRejected(
        final Message report, final String clOrdId, final int ordRejReason, final String... textMentionsAnyOf)
    {
        assertFields("ExecutionReport Rejected for " + clOrdId, report,
            is(MsgType.FIELD, MsgType.EXECUTION_REPORT),
            is(ExecTransType.FIELD, ExecTransType.NEW),
            is(ExecType.FIELD, ExecType.REJECTED),
            is(OrdStatus.FIELD, OrdStatus.REJECTED),
            is(ClOrdID.FIELD, clOrdId),
            present(ExecID.FIELD),
            is(OrdRejReason.FIELD, ordRejReason),
            number(CumQty.FIELD, 0),
            number(LeavesQty.FIELD, 0),
            mentions(Text.FIELD, textMentionsAnyOf));
    }

    /** OrderCancelReject (9): CxlRejResponseTo 1 answers an F, 2 a G. */
    static void assertCancelReject(
        final Message reject,
        final String clOrdId,
        final String origClOrdId,
        final char responseTo,
        final int cxlRejReason)
    {
        assertFields("OrderCancelReject for " + clOrdId, reject,
            is(MsgType.FIELD, MsgType.ORDER_CANCEL_REJECT),
            is(ClOrdID.FIELD, clOrdId),
            is(OrigClOrdID.FIELD, origClOrdId),
            present(OrderID.FIELD),
            present(OrdStatus.FIELD),
            is(CxlRejResponseTo.FIELD, responseTo),
            is(CxlRejReason.FIELD, cxlRejReason),
            present(Text.FIELD));
    }

    /** The answer to an OrderStatusRequest: ExecTransType=3 (status), ExecType = OrdStatus = the order's status. */
    static void assertStatus(
        final Message report,
        final String clOrdId,
        final char ordStatus,
        final long cumQty,
        final long leavesQty,
        final String avgPx)
    {
        assertFields("ExecutionReport status of " + clOrdId, report,
            is(MsgType.FIELD, MsgType.EXECUTION_REPORT),
            is(ExecTransType.FIELD, ExecTransType.STATUS),
            is(ExecType.FIELD, ordStatus),
            is(OrdStatus.FIELD, ordStatus),
            present(OrderID.FIELD),
            is(ClOrdID.FIELD, clOrdId),
            present(ExecID.FIELD),
            is(Symbol.FIELD, Fix42.SYMBOL),
            number(CumQty.FIELD, cumQty),
            number(LeavesQty.FIELD, leavesQty),
            number(AvgPx.FIELD, avgPx));
    }

    static void assertDistinctExecIds(final Collection<Message> reports)
    {
        final Set<String> seen = new HashSet<>();
        final List<String> duplicates = new ArrayList<>();
        for (final Message report : reports)
        {
            final String execId = Fix42.field(report, ExecID.FIELD);
            if (execId == null || !seen.add(execId))
            {
                duplicates.add(execId + " in " + Fix42.describe(report));
            }
        }
        if (!duplicates.isEmpty())
        {
            throw new AssertionError("ExecIDs must be present and unique; offending reports:\n  " +
                String.join("\n  ", duplicates));
        }
    }

    private static String name(final int tag)
    {
        return FieldNames.DICTIONARY.isField(tag) ? FieldNames.DICTIONARY.getFieldName(tag) + "(" + tag + ")" :
            "tag " + tag;
    }

    /** Loaded on first use only: the names make mismatches readable without a FIX reference at hand. */
    private static final class FieldNames
    {
        static final DataDictionary DICTIONARY = load();

        private static DataDictionary load()
        {
            try
            {
                return new DataDictionary(RepoPaths.fix42Dictionary().toString());
            }
            catch (final ConfigError ex)
            {
                throw new IllegalStateException("cannot load " + RepoPaths.fix42Dictionary(), ex);
            }
        }
    }
}
