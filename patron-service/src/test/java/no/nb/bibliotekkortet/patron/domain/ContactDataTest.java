package no.nb.bibliotekkortet.patron.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.Normalizer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DOMAIN.md "Contact data". */
class ContactDataTest {

    @Test
    void phonesToE164() {
        assertEquals(Optional.of("+4741234567"), ContactData.phone("41234567"));
        assertEquals(Optional.of("+4741234567"), ContactData.phone("+47 412 34 567"));
        assertEquals(Optional.of("+4741234567"), ContactData.phone("0047 41234567"));
        assertEquals(Optional.of("+46701234567"), ContactData.phone("+46 70 123 45 67"));
        assertEquals(Optional.empty(), ContactData.phone("123"));
        assertEquals(Optional.empty(), ContactData.phone("not a phone"));
    }

    @Test
    void postcodesStayFourCharacters() {
        assertEquals(Optional.of("0150"), ContactData.postcode("0150"));
        assertEquals(Optional.empty(), ContactData.postcode("150"));
        assertEquals(Optional.empty(), ContactData.postcode("01500"));
    }

    @Test
    void namesInNfcWithSamiLetters() {
        String decomposed = Normalizer.normalize("Ánde Čáhppes", Normalizer.Form.NFD);
        assertEquals(Optional.of("Ánde Čáhppes"), ContactData.name(decomposed));
        assertEquals(Optional.of("Đuođđa Ŋeaidi-Šiellat Ŧuomas Žanna"), ContactData.name("Đuođđa  Ŋeaidi-Šiellat Ŧuomas Žanna"));
        assertEquals(Optional.empty(), ContactData.name("R2D2"));
        assertEquals(Optional.empty(), ContactData.name("  "));
        assertEquals(Optional.empty(), ContactData.name("a".repeat(101)));
        // length is counted after NFC: 100 decomposed "á" are 200 chars but 100 letters
        assertEquals(100, ContactData.name(Normalizer.normalize("á".repeat(100), Normalizer.Form.NFD)).orElseThrow().length());
    }

    @Test
    void emailComparedWithoutCase() {
        assertEquals(Optional.of("Kari.Nordmann@Example.no"), ContactData.email(" Kari.Nordmann@Example.no "));
        assertEquals(ContactData.emailKey("kari.nordmann@example.no"), ContactData.emailKey("Kari.Nordmann@Example.NO"));
        assertEquals(Optional.empty(), ContactData.email("no-at-sign"));
    }
}
