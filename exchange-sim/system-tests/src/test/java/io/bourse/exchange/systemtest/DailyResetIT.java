package io.bourse.exchange.systemtest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.bourse.exchange.systemtest.RawFixConnection.Outgoing;
import io.bourse.exchange.systemtest.RawFixConnection.RawMessage;
import quickfix.field.BeginSeqNo;
import quickfix.field.ClOrdID;
import quickfix.field.EndSeqNo;
import quickfix.field.ExecType;
import quickfix.field.GapFillFlag;
import quickfix.field.LastShares;
import quickfix.field.MsgType;
import quickfix.field.OrdStatus;
import quickfix.field.PossDupFlag;
import quickfix.field.ResetSeqNumFlag;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.Text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The end of FIX day of a session with a {@code dailyResetTime} (docs/fix-rules-of-engagement.md section 2.2), against
 * the real process: at that time a logged-on session gets a Logout and, once it has closed, starts again at MsgSeqNum
 * 1 on both sides without ResetSeqNumFlag; a session that is away is reset there and then; a reset time that passed
 * while the venue was down is caught up at start. Resting orders are kept throughout.
 *
 * <p>The tests add sessions DAILY1 and DAILY2 to the config, with a reset time a few seconds ahead (UTC, to the
 * millisecond), and talk to the venue from raw sockets so that every MsgSeqNum and flag on the wire is checked.
 */
@Timeout(90)
class DailyResetIT
{
    private static final Login DAILY1 = new Login("DAILY1", "daily1-secret");
    private static final Login DAILY2 = new Login("DAILY2", "daily2-secret");
    private static final String HEART_BT_INT = "30";
    /** Room for the venue's start and the logons and orders that must happen before the reset. */
    private static final Duration RESET_DELAY = Duration.ofSeconds(8);
    private static final Duration ANSWER_TIMEOUT = RawFixConnection.DEFAULT_TIMEOUT;
    private static final String END_OF_DAY_TEXT = "end of FIX day: sequence numbers reset";

    @RegisterExtension
    final SystemTestSupport system = new SystemTestSupport();

    @Test
    void atTheResetTimeSessionsStartAgainAtOneOnBothSidesAndKeepTheirOrders()
    {
        final Instant resetAt = Instant.now().plus(RESET_DELAY).truncatedTo(ChronoUnit.MILLIS);
        final ExchangeProcess exchange = system.startExchange(List.of(
            session(11, DAILY1, resetAt), session(12, DAILY2, resetAt)));

        // DAILY2 enters an order and logs out: it is away at the reset time, with venue messages 1-3 sent.
        final RawFixConnection away = logOn(exchange, DAILY2, 1);
        assertAcknowledged(away, "D2-1", away.dayLimitOrder("D2-1", Fix42.BUY, "10", "99.00"));
        away.send(away.message(MsgType.LOGOUT));
        assertEquals(3, away.awaitMessage(MsgType.LOGOUT).msgSeqNum(), "the venue's answer to DAILY2's Logout");
        away.awaitDisconnect(ANSWER_TIMEOUT);

        // DAILY1 is logged on at the reset time, with a resting order below DAILY2's.
        final RawFixConnection online = logOn(exchange, DAILY1, 1);
        assertAcknowledged(online, "D1-1", online.dayLimitOrder("D1-1", Fix42.BUY, "10", "98.00"));
        assertTrue(Instant.now().isBefore(resetAt), "the venue took too long to start: DAILY1's order was " +
            "acknowledged after the reset time " + resetAt + "; the test needs a longer RESET_DELAY on this machine");

        final RawMessage endOfDay = online.awaitMessage(MsgType.LOGOUT, RESET_DELAY.plus(ANSWER_TIMEOUT));
        final Instant loggedOutAt = Instant.now();
        assertTrue(!loggedOutAt.isBefore(resetAt), "the end-of-day Logout came at " + loggedOutAt + ", before " +
            resetAt);
        assertEquals(END_OF_DAY_TEXT, endOfDay.value(Text.FIELD), "the end-of-day Logout\n" + online.describe());
        assertEquals(3, endOfDay.msgSeqNum(), "the end-of-day Logout continues the day's numbering");
        online.send(online.message(MsgType.LOGOUT));
        online.awaitDisconnect(ANSWER_TIMEOUT);
        exchange.awaitOutputLine("FIX session DAILY1: end of FIX day", ANSWER_TIMEOUT);
        exchange.awaitOutputLine("FIX session DAILY2: end of FIX day", ANSWER_TIMEOUT);

        // A fill for DAILY2 while it is away: the first message of its new day.
        final RawFixConnection seller = logOn(exchange, Login.CLIENT1, 1);
        final int sellSeqNum = seller.send(seller.dayLimitOrder("C1-1", Fix42.SELL, "10", "99.00"));
        final RawMessage sold = seller.awaitMessage("fill of C1-1 (MsgSeqNum " + sellSeqNum + ")",
            report("C1-1", ExecType.FILL), ANSWER_TIMEOUT);
        assertEquals("10", sold.value(LastShares.FIELD), "CLIENT1's sell trades with DAILY2's buy only");

        // DAILY1: Logon at 1 without ResetSeqNumFlag is answered at 1, nothing is asked or resent, the order lives.
        final RawFixConnection nextDay = logOn(exchange, DAILY1, 1);
        assertNotEquals("Y", nextDay.received().get(0).value(ResetSeqNumFlag.FIELD),
            "the venue's Logon after the daily reset needs no ResetSeqNumFlag\n" + nextDay.describe());
        final int statusSeqNum = nextDay.send(nextDay.message(MsgType.ORDER_STATUS_REQUEST)
            .field(ClOrdID.FIELD, "D1-1")
            .field(Symbol.FIELD, Fix42.SYMBOL)
            .field(Side.FIELD, String.valueOf(Side.BUY)));
        assertEquals(2, statusSeqNum);
        final RawMessage status = nextDay.awaitMessage("status of D1-1", report("D1-1", ExecType.NEW), ANSWER_TIMEOUT);
        assertEquals(String.valueOf(OrdStatus.NEW), status.value(OrdStatus.FIELD), "D1-1 rests after the reset");
        assertEquals(2, status.msgSeqNum(), "the status answer follows the venue's Logon 1");
        assertOnly(nextDay, List.of(MsgType.LOGON, MsgType.EXECUTION_REPORT),
            "no ResendRequest, SequenceReset or Reject: both sides agree the day starts at 1");

        // DAILY2: Logon at 1; the venue's Logon is 2, after the fill, which the resend brings, and nothing older.
        final RawFixConnection back = logOn(exchange, DAILY2, 2);
        back.send(back.message(MsgType.RESEND_REQUEST).field(BeginSeqNo.FIELD, "1").field(EndSeqNo.FIELD, "0"));
        final RawMessage resentFill = back.awaitMessage("resent fill of D2-1",
            report("D2-1", ExecType.FILL), ANSWER_TIMEOUT);
        assertEquals(1, resentFill.msgSeqNum(), "the fill after the reset is message 1 of DAILY2's new day");
        assertEquals("Y", resentFill.value(PossDupFlag.FIELD));
        final RawMessage gapFill = back.awaitMessage(MsgType.SEQUENCE_RESET);
        assertEquals("Y", gapFill.value(GapFillFlag.FIELD), "the venue's Logon 2 is gap-filled\n" + back.describe());
        assertEquals(List.of(resentFill), back.received().stream().filter(report("D2-1", ExecType.NEW)
            .or(report("D2-1", ExecType.FILL))).toList(), "nothing of the old day (D2-1's acknowledgement) is resent");
    }

    @Test
    void aResetTimeThatPassedWhileTheVenueWasDownIsCaughtUpAtStart()
    {
        final Instant farAway = Instant.now().plus(Duration.ofHours(12));
        final ExchangeProcess exchange = system.startExchange(List.of(
            session(11, DAILY1, farAway), session(12, DAILY2, farAway)));

        for (final Login login : List.of(DAILY1, DAILY2))
        {
            final RawFixConnection connection = logOn(exchange, login, 1);
            final String clOrdId = login.compId() + "-1";
            assertAcknowledged(connection, clOrdId, connection.dayLimitOrder(clOrdId, Fix42.BUY, "10", "98.00"));
            connection.send(connection.message(MsgType.LOGOUT));
            connection.awaitMessage(MsgType.LOGOUT);
            connection.awaitDisconnect(ANSWER_TIMEOUT);
        }
        exchange.terminate();

        // DAILY1's reset time is now one that has just passed; DAILY2's was reset last 12 h ago, before its logon.
        final Instant passed = Instant.now();
        exchange.changeConfig(yaml -> replaceOnce(yaml, session(11, DAILY1, farAway), session(11, DAILY1, passed)));
        exchange.restart();
        exchange.awaitOutputLine("FIX session DAILY1: sequence numbers reset at start-up", ANSWER_TIMEOUT);

        final RawFixConnection reset = logOn(exchange, DAILY1, 1);
        reset.send(reset.message(MsgType.ORDER_STATUS_REQUEST)
            .field(ClOrdID.FIELD, "DAILY1-1")
            .field(Symbol.FIELD, Fix42.SYMBOL)
            .field(Side.FIELD, String.valueOf(Side.BUY)));
        final RawMessage status = reset.awaitMessage("status of DAILY1-1", report("DAILY1-1", ExecType.NEW),
            ANSWER_TIMEOUT);
        assertEquals(2, status.msgSeqNum());
        assertOnly(reset, List.of(MsgType.LOGON, MsgType.EXECUTION_REPORT), "no resend after the start-up reset");

        // Not every restart resets: DAILY2 continues with Logon 4 (Logon 1, acknowledgement 2, Logout 3 before).
        final RawFixConnection continued = connect(exchange, DAILY2);
        continued.nextSeqNum(4);
        continued.send(continued.logon(DAILY2.password(), HEART_BT_INT));
        assertEquals(4, continued.awaitMessage(MsgType.LOGON).msgSeqNum(), "DAILY2's numbers persist\n" +
            exchange.describe());
    }

    // ---- helpers

    /** A session entry for {@link ExchangeProcess#create(java.nio.file.Path, List)} resetting at {@code at}, UTC. */
    private static String session(final int id, final Login login, final Instant at)
    {
        return "{id: " + id + ", compId: " + login.compId() + ", password: " + login.password() +
            ", dailyResetTime: \"" + LocalTime.ofInstant(at, ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS) + "\"}";
    }

    private static String replaceOnce(final String text, final String target, final String replacement)
    {
        final int at = text.indexOf(target);
        if (at < 0 || text.indexOf(target, at + 1) >= 0)
        {
            throw new IllegalStateException("expected '" + target + "' once in\n" + text);
        }
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }

    private RawFixConnection connect(final ExchangeProcess exchange, final Login login)
    {
        return system.connectRaw(exchange, login.compId());
    }

    /** Logs on with MsgSeqNum 1 and no ResetSeqNumFlag; the venue's Logon must carry {@code venueSeqNum}. */
    private RawFixConnection logOn(final ExchangeProcess exchange, final Login login, final int venueSeqNum)
    {
        final RawFixConnection connection = connect(exchange, login);
        assertEquals(1, connection.send(connection.logon(login.password(), HEART_BT_INT)));
        final RawMessage logon = connection.awaitMessage(MsgType.LOGON);
        assertEquals(venueSeqNum, logon.msgSeqNum(), login.compId() + ": the venue's Logon\n" + connection.describe());
        return connection;
    }

    private static void assertAcknowledged(
        final RawFixConnection connection, final String clOrdId, final Outgoing order)
    {
        final int seqNum = connection.send(order);
        connection.awaitMessage("acknowledgement of " + clOrdId + " (MsgSeqNum " + seqNum + ")",
            report(clOrdId, ExecType.NEW), ANSWER_TIMEOUT);
    }

    private static Predicate<RawMessage> report(final String clOrdId, final char execType)
    {
        return message -> MsgType.EXECUTION_REPORT.equals(message.msgType()) &&
            clOrdId.equals(message.value(ClOrdID.FIELD)) &&
            String.valueOf(execType).equals(message.value(ExecType.FIELD));
    }

    private static void assertOnly(final RawFixConnection connection, final List<String> msgTypes, final String why)
    {
        final List<RawMessage> others = connection.received().stream()
            .filter(message -> !msgTypes.contains(message.msgType())).toList();
        assertEquals(List.of(), others, why + "\n" + connection.describe());
    }
}
