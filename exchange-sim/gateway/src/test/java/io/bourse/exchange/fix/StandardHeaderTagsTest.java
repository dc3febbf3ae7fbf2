package io.bourse.exchange.fix;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandardHeaderTagsTest
{
    private static final Path DICTIONARY = Path.of("..", "..", "fix-dictionaries", "FIX42.xml");

    @Test
    void holdsExactlyTheHeaderOfTheVenueDictionary() throws Exception
    {
        final Document dictionary = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(DICTIONARY.toFile());
        final Map<String, Integer> numbers = new HashMap<>();
        final NodeList fields = ((Element)dictionary.getElementsByTagName("fields").item(0))
            .getElementsByTagName("field");
        for (int i = 0; i < fields.getLength(); i++)
        {
            final Element field = (Element)fields.item(i);
            numbers.put(field.getAttribute("name"), Integer.parseInt(field.getAttribute("number")));
        }
        final Set<Integer> headerTags = new TreeSet<>();
        final NodeList header = ((Element)dictionary.getElementsByTagName("header").item(0))
            .getElementsByTagName("field");
        for (int i = 0; i < header.getLength(); i++)
        {
            headerTags.add(numbers.get(((Element)header.item(i)).getAttribute("name")));
        }

        assertEquals(27, headerTags.size(), "FIX 4.2's StandardHeader");
        for (final int tag : headerTags)
        {
            assertTrue(StandardHeaderTags.contains(tag), "header tag " + tag);
        }
        for (final int tag : numbers.values())
        {
            assertEquals(headerTags.contains(tag), StandardHeaderTags.contains(tag), "tag " + tag);
        }
        assertFalse(StandardHeaderTags.contains(0));
    }
}
