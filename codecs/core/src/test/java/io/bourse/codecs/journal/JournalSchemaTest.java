package io.bourse.codecs.journal;

import io.bourse.codecs.types.OrdType;
import io.bourse.codecs.types.Price;
import io.bourse.codecs.types.Side;
import io.bourse.codecs.types.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The journal schema's promises to the Java side: enum values are the Java ordinals, prices are the engine's
 * scaled longs with Price.NONE as the null value, and the header says schema 1, version 0, little endian.
 */
class JournalSchemaTest
{
    @Test
    void enumValuesAreTheOrdinalsOfTheValueTypes()
    {
        assertSameConstants(Side.values(), value -> SideCode.get((short)value), SideCode.values());
        assertSameConstants(OrdType.values(), value -> OrdTypeCode.get((short)value), OrdTypeCode.values());
        assertSameConstants(
            TimeInForce.values(), value -> TimeInForceCode.get((short)value), TimeInForceCode.values());
    }

    @Test
    void schemaIdentity()
    {
        assertEquals(1, EngineCommandEncoder.SCHEMA_ID);
        assertEquals(0, EngineCommandEncoder.SCHEMA_VERSION);
        assertEquals(ByteOrder.LITTLE_ENDIAN, EngineCommandEncoder.BYTE_ORDER);
        assertEquals(1, EngineCommandEncoder.TEMPLATE_ID);
        assertEquals(
            List.of(10, 11, 12),
            List.of(
                SnapshotHeaderEncoder.TEMPLATE_ID,
                InstrumentStateEncoder.TEMPLATE_ID,
                OrderStateEncoder.TEMPLATE_ID));
    }

    @Test
    void pricesAreScaledLongsWithPriceNoneAsNull()
    {
        assertEquals(Price.NONE, PriceDecoder.mantissaNullValue());
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final EngineCommandEncoder encoder =
            new EngineCommandEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        encoder.price().mantissa(Price.parse("100.25"));
        encoder.stopPrice().mantissa(Price.NONE);

        final EngineCommandDecoder decoder =
            new EngineCommandDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        assertEquals(1_002_500L, decoder.price().mantissa());
        assertEquals(Price.EXPONENT, decoder.price().exponent());
        assertEquals(Price.NONE, decoder.stopPrice().mantissa());
    }

    @Test
    void commandRoundTripsWithVarDataInOrder()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final EngineCommandEncoder encoder =
            new EngineCommandEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
        encoder.sequence(7).timestamp(11).side(SideCode.SELL).postOnly(BooleanType.TRUE).clOrdId("NEW-1")
            .origClOrdId("");

        final EngineCommandDecoder decoder =
            new EngineCommandDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        assertEquals(7, decoder.sequence());
        assertEquals(11, decoder.timestamp());
        assertEquals(SideCode.SELL, decoder.side());
        assertEquals(BooleanType.TRUE, decoder.postOnly());
        assertEquals("NEW-1", decoder.clOrdId());
        assertEquals("", decoder.origClOrdId());
        assertEquals(
            MessageHeaderEncoder.ENCODED_LENGTH + EngineCommandEncoder.BLOCK_LENGTH + 2 + "NEW-1".length(),
            MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    private static <E extends Enum<E>, C extends Enum<C>> void assertSameConstants(
        final E[] javaValues, final IntFunction<C> codeOf, final C[] codes)
    {
        final String[] expected = Arrays.stream(javaValues).map(Enum::name).toArray(String[]::new);
        final String[] actual = new String[javaValues.length];
        for (final E value : javaValues)
        {
            actual[value.ordinal()] = codeOf.apply(value.ordinal()).name();
        }
        assertArrayEquals(expected, actual);
        // Every code but NULL_VAL has a Java constant: nothing was added to the schema alone.
        assertEquals(javaValues.length, codes.length - 1);
    }
}
