package no.nb.bibliotekkortet.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import no.nb.bibliotekkortet.notification.service.ErrorText;
import no.nb.bibliotekkortet.notification.service.Recipients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Recipient formats (E.164 via libphonenumber, e-mail) and masking of error texts. */
class RecipientsTest {

    @ParameterizedTest
    @ValueSource(strings = {"+4741234567", "+4722334455", "+46701234567"})
    void e164NumbersAreAccepted(String phone) {
        assertTrue(Recipients.isE164(phone));
    }

    @ParameterizedTest
    @ValueSource(strings = {"41234567", "004741234567", "+47 41234567", "+47123", "+4741234567890", "+47abc"})
    void otherFormsAreRefused(String phone) {
        assertFalse(Recipients.isE164(phone));
    }

    @Test
    void emailNeedsLocalPartAndDottedDomain() {
        assertTrue(Recipients.isEmail("kari.nordmann@example.no"));
        assertFalse(Recipients.isEmail("kari.nordmann@localhost"));
        assertFalse(Recipients.isEmail("kari nordmann@example.no"));
        assertFalse(Recipients.isEmail("@example.no"));
        assertFalse(Recipients.isEmail("a".repeat(250) + "@example.no"));
    }

    @Test
    void errorTextsNeverCarryAddressesOrNumbers() {
        String masked = ErrorText.mask("550 5.1.1 <kari@example.no>: user unknown; sms to +4741234567 for 15038512010");
        assertFalse(masked.contains("kari@example.no"));
        assertFalse(masked.contains("41234567"));
        assertFalse(masked.contains("15038512010"));
        assertEquals(ErrorText.MAX, ErrorText.mask("x".repeat(1000)).length());
    }
}
