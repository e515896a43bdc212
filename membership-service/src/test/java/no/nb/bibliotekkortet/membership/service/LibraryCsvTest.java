package no.nb.bibliotekkortet.membership.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The library list is real CSV: quoted names with commas, header by name, malformed rows refused. */
class LibraryCsvTest {

    @Test
    void readsTheCommittedListWithQuotedNames() throws Exception {
        try (var in = new InputStreamReader(getClass().getResourceAsStream("/libraries.csv"), StandardCharsets.UTF_8)) {
            List<LibraryCsv.Row> rows = LibraryCsv.parse(in);
            assertEquals(126, rows.size());
            assertTrue(rows.contains(new LibraryCsv.Row("2042600", "Våler folkebibliotek, Hedmark", (short) 2, "0426")));
            assertTrue(rows.stream().anyMatch(r -> r.name().equals("Finnmark fylkesbibliotek, avd. Vadsø / Vadsø bibliotek")));
            assertEquals(126, rows.stream().map(LibraryCsv.Row::libraryNumber).distinct().count());
        }
    }

    @Test
    void keepsLeadingZerosOfMunicipalityCodes() throws Exception {
        var rows = LibraryCsv.parse(new StringReader("library_number,name,library_type,municipality_code,catalogue_system\n"
                + "2010100,Halden bibliotek,2,0101,bibliofil\n"));
        assertEquals("0101", rows.get(0).municipalityCode());
    }

    @Test
    void refusesMalformedRowsNamingTheLine() {
        var e = assertThrows(IllegalArgumentException.class, () -> LibraryCsv.parse(new StringReader(
                "library_number,name,library_type,municipality_code\n2010100,Halden,2,0101\n201010,Kort,2,0101\n")));
        assertTrue(e.getMessage().contains("line 3"));
        assertThrows(IllegalArgumentException.class, () -> LibraryCsv.parse(new StringReader(
                "library_number,name,library_type,municipality_code\n2010100,Halden,X,0101\n")));
    }
}
