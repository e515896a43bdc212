package no.nb.bibliotekkortet.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dates and times are ISO-8601 strings only (docs/security.md, "strings where numbers belong and the reverse are
 * refused"): Jackson's java.time readers would otherwise take a number as epoch seconds or days.
 */
class StrictJsonCustomizerTest {

    record Times(Instant at, LocalDate day, OffsetDateTime when) {
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new StrictJsonCustomizer().customize(mapper);
        return mapper;
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"at\": 1765000000}", "{\"at\": 1765000000.5}", "{\"day\": 20000}",
        "{\"when\": 1765000000}", "{\"when\": 1.5}"})
    void aNumberWhereADateOrTimeBelongsIsRefusedNamingTheField(String json) {
        JsonMappingException e = assertThrows(JsonMappingException.class, () -> mapper().readValue(json, Times.class));
        assertEquals(json.substring(json.indexOf('"') + 1, json.indexOf('"', 2)), e.getPath().get(0).getFieldName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"at\": \"2026-12-06T10:15:30Z\", \"day\": \"2026-12-06\", \"when\": \"2026-12-06T11:15:30+01:00\"}"})
    void isoStringsAreRead(String json) throws Exception {
        Times t = mapper().readValue(json, Times.class);
        assertEquals(Instant.parse("2026-12-06T10:15:30Z"), t.at());
        assertEquals(LocalDate.parse("2026-12-06"), t.day());
        assertEquals(t.at(), t.when().toInstant());
    }
}
