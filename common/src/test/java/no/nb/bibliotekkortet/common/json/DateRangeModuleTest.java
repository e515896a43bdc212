package no.nb.bibliotekkortet.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Dates and times outside the years 0001..9999 are refused at binding, with the field's path. */
class DateRangeModuleTest {

    record Body(LocalDate day, Instant at, OffsetDateTime when) {
    }

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());

    {
        new StrictJsonCustomizer().customize(mapper);
    }

    private Body read(String json) throws Exception {
        return mapper.readValue(json, Body.class);
    }

    @Test
    void boundsAreAccepted() throws Exception {
        Body b = read("{\"day\":\"0001-01-01\",\"at\":\"9999-12-31T23:59:59Z\",\"when\":\"2026-11-29T20:00:00+01:00\"}");
        assertEquals(LocalDate.of(1, 1, 1), b.day());
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), b.at());
        read("{\"day\":\"9999-12-31\",\"at\":\"0001-01-01T00:00:00Z\",\"when\":null}");
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheField() {
        for (String json : new String[] {"{\"day\":\"-4713-01-01\"}", "{\"day\":\"+5874898-01-01\"}", "{\"day\":\"0000-12-31\"}",
                "{\"at\":\"-999999999-01-01T00:00:00Z\"}", "{\"at\":\"+10000-01-01T00:00:00Z\"}",
                "{\"when\":\"+300000-01-01T00:00:00Z\"}", "{\"when\":\"0001-01-01T00:30:00+01:00\"}"}) {
            DateRangeModule.OutOfRangeException e = assertThrows(DateRangeModule.OutOfRangeException.class, () -> read(json), json);
            assertEquals(json.substring(2, json.indexOf('"', 2)), e.getPath().get(0).getFieldName());
        }
    }
}
