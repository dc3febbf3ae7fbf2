package io.bourse.exchange.systemtest;

import io.bourse.exchange.systemtest.RawFixConnection.RawMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import quickfix.field.ClOrdID;
import quickfix.field.ExecType;
import quickfix.field.MsgType;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A counterparty that writes a large burst of orders at once must get every one of them answered: the venue's
 * outbound messages then outrun the framer, which is when back-pressure handling matters (a venue that waits for
 * room on a full stream while the framer waits for it locks up, and one that queues without bound runs out of heap).
 */
@Timeout(120)
class BurstIT
{
    private static final int ORDERS = 20_000;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final SystemTestSupport system = new SystemTestSupport();

    @Test
    void everyOrderOfABurstIsAnsweredAndTheSessionStaysUp()
    {
        final ExchangeProcess exchange = system.startExchange();
        try (RawFixConnection connection = RawFixConnection.connect(exchange.fixPort(), Login.CLIENT2.compId()))
        {
            connection.send(connection.logon(Login.CLIENT2.password(), "30"));
            connection.awaitMessage(MsgType.LOGON);

            // IOC buys on an empty book: each is acknowledged and canceled (or throttled), none rests or trades.
            final ByteArrayOutputStream burst = new ByteArrayOutputStream(ORDERS * 200);
            final String transactTime = RawFixConnection.timestampNow();
            for (int i = 0; i < ORDERS; i++)
            {
                final byte[] order = connection.message(MsgType.NEW_ORDER_SINGLE)
                    .field(ClOrdID.FIELD, "B" + i)
                    .field(21, "1")
                    .field(Symbol.FIELD, Fix42.SYMBOL)
                    .field(Side.FIELD, String.valueOf(Side.BUY))
                    .field(TransactTime.FIELD, transactTime)
                    .field(OrderQty.FIELD, "1")
                    .field(OrdType.FIELD, String.valueOf(OrdType.LIMIT))
                    .field(Price.FIELD, "99.00")
                    .field(TimeInForce.FIELD, String.valueOf(TimeInForce.IMMEDIATE_OR_CANCEL))
                    .encode(connection.nextSeqNum());
                connection.nextSeqNum(connection.nextSeqNum() + 1);
                burst.writeBytes(order);
            }
            connection.sendRaw(burst.toByteArray());

            // Each order ends with exactly one final answer: its cancel, or a BusinessMessageReject for the throttle.
            final Predicate<RawMessage> finalAnswer = message ->
                (MsgType.EXECUTION_REPORT.equals(message.msgType()) &&
                    String.valueOf(ExecType.CANCELED).equals(message.value(ExecType.FIELD))) ||
                MsgType.BUSINESS_MESSAGE_REJECT.equals(message.msgType());
            final Set<String> answered = new HashSet<>();
            int throttled = 0;
            final long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
            while (answered.size() + throttled < ORDERS && System.nanoTime() < deadline)
            {
                final RawMessage answer = connection.pollMessage(finalAnswer, Duration.ofSeconds(5));
                if (answer == null)
                {
                    continue;
                }
                if (MsgType.BUSINESS_MESSAGE_REJECT.equals(answer.msgType()))
                {
                    throttled++;
                }
                else
                {
                    assertTrue(answered.add(answer.value(ClOrdID.FIELD)), "answered twice: " + answer);
                }
            }
            assertEquals(ORDERS, answered.size() + throttled,
                "orders answered within " + ANSWER_TIMEOUT + " (" + throttled + " throttled)");
            assertTrue(answered.size() > 0, "some orders passed the throttle");
            assertFalse(connection.isClosedByPeer(), "the venue kept the session");
            assertTrue(exchange.isAlive(), "the venue is still running");
        }
    }
}
