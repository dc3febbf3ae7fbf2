package io.bourse.fix42;

import io.bourse.fix42.builder.NewOrderSingleEncoder;
import io.bourse.fix42.decoder.NewOrderSingleDecoder;
import org.junit.jupiter.api.Test;
import uk.co.real_logic.artio.builder.Encoder;
import uk.co.real_logic.artio.fields.DecimalFloat;
import uk.co.real_logic.artio.fields.UtcTimestampEncoder;
import uk.co.real_logic.artio.util.MutableAsciiBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NewOrderSingleCodecTest
{
    private static final long TRANSACT_TIME_MILLIS = 1_767_225_600_123L;

    @Test
    void generatedEncoderAndDecoderRoundTripAnOrder()
    {
        final UtcTimestampEncoder timestamp = new UtcTimestampEncoder();
        final int timestampLength = timestamp.encode(TRANSACT_TIME_MILLIS);
        final NewOrderSingleEncoder encoder = new NewOrderSingleEncoder();
        encoder.header()
            .senderCompID("CLIENT1")
            .targetCompID("EXCH")
            .msgSeqNum(7)
            .sendingTime(timestamp.buffer(), timestampLength);
        encoder
            .clOrdID("ORD-0001")
            .handlInst(HandlInst.AUTOMATED_EXECUTION_ORDER_PRIVATE_NO_BROKER_INTERVENTION)
            .symbol("ACME")
            .side(Side.SELL)
            .transactTime(timestamp.buffer(), timestampLength)
            .orderQty(300, 0)
            .ordType(OrdType.LIMIT)
            .price(1_002_500, 4);

        // A non-zero start offset catches a decoder that silently assumes messages begin at 0.
        final MutableAsciiBuffer buffer = new MutableAsciiBuffer(new byte[1024]);
        final long result = encoder.encode(buffer, 16);
        final int offset = Encoder.offset(result);
        final int length = Encoder.length(result);

        final NewOrderSingleDecoder decoder = new NewOrderSingleDecoder();
        assertEquals(length, decoder.decode(buffer, offset, length));
        assertTrue(decoder.validate(), () -> "rejected tag " + decoder.invalidTagId() + " reason " +
            decoder.rejectReason() + " in " + buffer.getAscii(offset, length));

        assertEquals("ORD-0001", decoder.clOrdIDAsString());
        assertEquals("ACME", decoder.symbolAsString());
        assertEquals(Side.SELL, decoder.sideAsEnum());
        assertEquals(new DecimalFloat(300, 0), decoder.orderQty());
        assertEquals(new DecimalFloat(1_002_500, 4), decoder.price());
        assertEquals(OrdType.LIMIT, decoder.ordTypeAsEnum());
        assertEquals("CLIENT1", decoder.header().senderCompIDAsString());
        assertEquals(7, decoder.header().msgSeqNum());
    }
}
