package no.nb.bibliotekkortet.patron.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading person documents as the population register serves them (plain, no Quarkus). */
class PopulationPersonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static PopulationPerson parse(String json) throws Exception {
        return PopulationPerson.parse(JSON.readTree(json));
    }

    @Test
    void takesTheCurrentEntriesAndCapitalisesCapitals() throws Exception {
        PopulationPerson p = parse("""
                {"identifikasjonsnummer": [
                   {"foedselsEllerDNummer": "61079023050", "status": "opphoert", "erGjeldende": false},
                   {"foedselsEllerDNummer": "15038512010", "status": "iBruk", "erGjeldende": true}],
                 "navn": [{"fornavn": "OLD", "etternavn": "NAME", "erGjeldende": false},
                          {"fornavn": "ÁNDE", "mellomnavn": "ČUOVGA", "etternavn": "NORDMANN-ŊUOLLA", "erGjeldende": true}],
                 "foedsel": [{"foedselsdato": "1985-03-15", "erGjeldende": true}],
                 "status": [{"status": "bosatt", "erGjeldende": true}],
                 "bostedsadresse": [{"erGjeldende": true, "adressegradering": "ugradert", "vegadresse": {
                   "coAdressenavn": "OLA HANSEN", "adressenavn": "STORGATA", "adressenummer": {"husnummer": "1", "husbokstav": "B"},
                   "poststed": {"postnummer": "0150", "poststedsnavn": "OSLO"}}}]}""");
        assertEquals("15038512010", p.currentIdentityNumber());
        assertEquals(List.of("15038512010", "61079023050"), p.identityNumbers());
        assertEquals("Ánde Čuovga", p.givenNames());
        assertEquals("Nordmann-Ŋuolla", p.surname());
        assertEquals(LocalDate.of(1985, 3, 15), p.birthDate());
        assertEquals(PopulationPerson.Status.RESIDENT, p.status());
        assertNull(p.protection());
        assertEquals("c/o Ola Hansen\nStorgata 1B", p.address().lines());
        assertEquals("0150", p.address().postcode());
        assertEquals("Oslo", p.address().place());
        assertEquals("PopulationPerson[redacted]", p.toString());
    }

    @Test
    void protectionHidesEveryAddressAndStatusesMap() throws Exception {
        for (String level : List.of("strengtFortrolig", "strengtFortroligUtland", "fortrolig", "STRENGT_FORTROLIG")) {
            PopulationPerson p = parse("""
                    {"identifikasjonsnummer": [{"foedselsEllerDNummer": "15038512010", "erGjeldende": true}],
                     "adressebeskyttelse": [{"graderingsnivaa": "%s", "erGjeldende": true}],
                     "postadresse": [{"erGjeldende": true, "postadresseIFrittFormat": {"adresselinje": ["POSTBOKS 1"], "postnummer": "0150", "poststed": "OSLO"}}]}
                    """.formatted(level));
            assertTrue(p.addressProtected(), level);
            assertNull(p.address(), level);
        }
        // A graded address counts as protected even without adressebeskyttelse.
        PopulationPerson graded = parse("""
                {"identifikasjonsnummer": [{"foedselsEllerDNummer": "15038512010", "erGjeldende": true}],
                 "bostedsadresse": [{"erGjeldende": true, "adressegradering": "fortrolig", "vegadresse": {"adressenavn": "X",
                   "adressenummer": {"husnummer": "1"}, "poststed": {"postnummer": "0150", "poststedsnavn": "OSLO"}}}]}""");
        assertEquals("CONFIDENTIAL", graded.protection());
        assertNull(graded.address());
        // Postal address when there is no road address; lower-case text kept as sent.
        PopulationPerson postal = parse("""
                {"identifikasjonsnummer": [{"foedselsEllerDNummer": "15038512010", "erGjeldende": true}],
                 "status": [{"status": "utflyttet", "erGjeldende": true}],
                 "adressebeskyttelse": [{"graderingsnivaa": "ugradert", "erGjeldende": true}],
                 "postadresse": [{"erGjeldende": true, "postadresseIFrittFormat": {"adresselinje": ["Postboks 12 Sentrum"], "postnummer": "0101", "poststed": "Oslo"}}]}""");
        assertEquals("Postboks 12 Sentrum", postal.address().lines());
        assertEquals(PopulationPerson.Status.EMIGRATED, postal.status());
        PopulationPerson dead = parse("""
                {"identifikasjonsnummer": [{"foedselsEllerDNummer": "15038512010", "erGjeldende": true}],
                 "status": [{"status": "bosatt", "erGjeldende": true}], "doedsfall": [{"doedsdato": "2026-11-30"}]}""");
        assertEquals(PopulationPerson.Status.DECEASED, dead.status());
        assertNull(parse("{\"navn\": []}"));
        assertNull(dead.address());
        assertNull(dead.givenNames());
    }
}
