package io.bourse.fix42;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import quickfix.ConfigError;
import quickfix.DataDictionary;
import quickfix.FieldType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients and third-party tools read fix-dictionaries/FIX42.xml with QuickFIX, so the venue's edits must keep it a
 * dictionary that QuickFIX/J accepts, not only one that Artio's code generator accepts.
 */
class Fix42DictionaryTest
{
    static final int PASSWORD_TAG = 554;
    static final String LOGON = "A";

    /** Set by surefire to the committed dictionary; the fallback works when the test runs from the module dir. */
    static Path dictionaryPath()
    {
        final String configured = System.getProperty("bourse.fix42.dictionary", "../../fix-dictionaries/FIX42.xml");
        final Path path = Path.of(configured);
        assertTrue(Files.isRegularFile(path), "dictionary not found: " + path.toAbsolutePath());
        return path;
    }

    static DataDictionary loadDictionary() throws ConfigError
    {
        return new DataDictionary(dictionaryPath().toString());
    }

    @Test
    void quickFixJLoadsTheVenueDictionaryAsFix42() throws ConfigError
    {
        final DataDictionary dictionary = loadDictionary();

        assertEquals("FIX.4.2", dictionary.getVersion());
        assertTrue(dictionary.isMsgType("D"), "NewOrderSingle must survive the venue edits");
    }

    @Test
    void passwordIsAnOptionalStringFieldOfLogon() throws ConfigError
    {
        final DataDictionary dictionary = loadDictionary();

        assertEquals(PASSWORD_TAG, dictionary.getFieldTag("Password"));
        assertEquals(FieldType.STRING, dictionary.getFieldType(PASSWORD_TAG));
        assertTrue(dictionary.isMsgField(LOGON, PASSWORD_TAG));
        assertFalse(dictionary.isRequiredField(LOGON, PASSWORD_TAG), "clients without credentials must still log on");
        assertFalse(dictionary.isMsgField("D", PASSWORD_TAG), "Password belongs to Logon only");
    }
}
