package no.nb.bibliotekkortet.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 14: text, duplicate keys and nulls in lists are checked once at binding, naming the field. */
class TextHygieneModuleTest {

    record Body(String name, @MultiLine String text, List<String> tags) {
    }

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());

    {
        new StrictJsonCustomizer().customize(mapper);
    }

    private Body read(String json) throws Exception {
        return mapper.readValue(json, Body.class);
    }

    @Test
    void refusedCharactersNameTheFieldAndTheRule() {
        for (String bad : new String[] {"\\u0000", "a\\u0007b", "\\u007f", "\\u0085", "\\u202e", "\\u2066", "\\u200b", "\\ufeff",
            "\\ud800", "x\\udc00", "\\uffff", "a\\r\\nb", "a\\tb"}) {
            TextHygieneModule.UnsafeTextException e = assertThrows(TextHygieneModule.UnsafeTextException.class,
                    () -> read("{\"name\": \"" + bad + "\"}"), bad);
            assertEquals("name", e.getPath().get(0).getFieldName());
            assertEquals(TextHygieneModule.RULE, e.rule());
        }
        TextHygieneModule.UnsafeTextException inList = assertThrows(TextHygieneModule.UnsafeTextException.class,
                () -> read("{\"tags\": [\"ok\", \"\\u200d\"]}"));
        assertEquals("tags", inList.getPath().get(0).getFieldName());
        assertEquals(1, inList.getPath().get(1).getIndex());
        assertThrows(TextHygieneModule.UnsafeTextException.class, () -> read("{\"text\": \"a\\u0000\"}"));
    }

    @Test
    void textIsNormalisedToNfcAndMultiLineFieldsKeepLineBreaks() throws Exception {
        Body b = read("{\"name\": \"Gra\\u030ad <b>HTML</b> stays text\", \"text\": \"one\\r\\ntwo\\rthree\\tfour\"}");
        assertEquals("Gr\u00e5d <b>HTML</b> stays text", b.name());
        assertEquals("one\ntwo\nthree\tfour", b.text());
        assertEquals("\uD83D\uDCDA books", read("{\"name\": \"\\ud83d\\udcda books\"}").name());
    }

    @Test
    void aKeyGivenTwiceAndANullInAListAreRefused() {
        JsonProcessingException duplicate = assertThrows(JsonProcessingException.class, () -> read("{\"name\": \"a\", \"name\": \"b\"}"));
        assertEquals(true, duplicate.getOriginalMessage().startsWith("Duplicate field 'name'"));
        InvalidNullException nul = assertThrows(InvalidNullException.class, () -> read("{\"tags\": [\"a\", null]}"));
        assertEquals("tags", ((JsonMappingException) nul).getPath().get(0).getFieldName());
    }
}
