package io.bourse.fix42;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

import io.bourse.fix42.builder.LogonEncoder;
import io.bourse.fix42.decoder.LogonDecoder;
import org.junit.jupiter.api.Test;
import quickfix.DataDictionary;
import quickfix.Message;
import quickfix.ValidationSettings;
import uk.co.real_logic.artio.builder.Encoder;
import uk.co.real_logic.artio.fields.UtcTimestampEncoder;
import uk.co.real_logic.artio.util.MutableAsciiBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Password(554) is a venue extension, so both stacks only know it through fix-dictionaries/FIX42.xml. */
class LogonPasswordCodecTest
{
    private static final int BEGIN_STRING = 8;
    private static final int MSG_TYPE = 35;
    private static final int SENDER_COMP_ID = 49;
    private static final int TARGET_COMP_ID = 56;
    private static final int MSG_SEQ_NUM = 34;
    private static final int SENDING_TIME = 52;
    private static final int ENCRYPT_METHOD = 98;
    private static final int HEART_BT_INT = 108;

    @Test
    void artioDecodesPasswordFromALogonBuiltAndValidatedByQuickFixJ() throws Exception
    {
        final DataDictionary dictionary = Fix42DictionaryTest.loadDictionary();
        final Message logon = new Message();
        logon.getHeader().setString(BEGIN_STRING, "FIX.4.2");
        logon.getHeader().setString(MSG_TYPE, Fix42DictionaryTest.LOGON);
        logon.getHeader().setString(SENDER_COMP_ID, "CLIENT1");
        logon.getHeader().setString(TARGET_COMP_ID, "EXCH");
        logon.getHeader().setInt(MSG_SEQ_NUM, 1);
        logon.getHeader().setUtcTimeStamp(SENDING_TIME, LocalDateTime.of(2026, 1, 1, 9, 30));
        logon.setInt(ENCRYPT_METHOD, 0);
        logon.setInt(HEART_BT_INT, 30);
        logon.setString(Fix42DictionaryTest.PASSWORD_TAG, "s3cret");
        final String wire = logon.toString();

        // What a QuickFIX/J client session does to its own messages when UseDataDictionary=Y.
        dictionary.validate(new Message(wire, dictionary, new ValidationSettings(), true), true,
            new ValidationSettings());

        final MutableAsciiBuffer buffer = new MutableAsciiBuffer(wire.getBytes(StandardCharsets.US_ASCII));
        final LogonDecoder decoder = new LogonDecoder();
        decoder.decode(buffer, 0, buffer.capacity());

        assertTrue(decoder.validate(), () -> "rejected tag " + decoder.invalidTagId() + " reason " +
            decoder.rejectReason() + " in " + wire);
        assertTrue(decoder.hasPassword());
        assertEquals("s3cret", decoder.passwordAsString());
        assertEquals(30, decoder.heartBtInt());
        assertEquals("CLIENT1", decoder.header().senderCompIDAsString());
    }

    @Test
    void passwordIsOptionalAndRoundTripsThroughTheGeneratedCodecs()
    {
        final LogonDecoder decoder = new LogonDecoder();

        final String withPassword = encodeAndDecode(newLogon().password("s3cret"), decoder);
        assertTrue(withPassword.contains("\u0001554=s3cret\u0001"), withPassword);
        assertTrue(decoder.hasPassword());
        assertEquals("s3cret", decoder.passwordAsString());

        decoder.reset();
        final String withoutPassword = encodeAndDecode(newLogon(), decoder);
        assertFalse(withoutPassword.contains("\u0001554="), withoutPassword);
        assertFalse(decoder.hasPassword());
    }

    private static LogonEncoder newLogon()
    {
        final UtcTimestampEncoder timestamp = new UtcTimestampEncoder();
        final int timestampLength = timestamp.encode(1_767_260_000_000L);
        final LogonEncoder encoder = new LogonEncoder();
        encoder.header()
            .senderCompID("CLIENT1")
            .targetCompID("EXCH")
            .msgSeqNum(1)
            .sendingTimeAsCopy(timestamp.buffer(), 0, timestampLength);
        return encoder.encryptMethod(EncryptMethod.NONE_OTHER).heartBtInt(30);
    }

    private static String encodeAndDecode(final LogonEncoder encoder, final LogonDecoder decoder)
    {
        final MutableAsciiBuffer buffer = new MutableAsciiBuffer(new byte[512]);
        final long result = encoder.encode(buffer, 0);
        final int offset = Encoder.offset(result);
        final int length = Encoder.length(result);
        decoder.decode(buffer, offset, length);
        assertTrue(decoder.validate(), () -> "rejected tag " + decoder.invalidTagId());
        return buffer.getAscii(offset, length);
    }
}
