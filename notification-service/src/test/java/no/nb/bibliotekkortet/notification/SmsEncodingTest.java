package no.nb.bibliotekkortet.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import no.nb.bibliotekkortet.notification.service.SmsEncoding;
import no.nb.bibliotekkortet.notification.service.SmsEncoding.Encoding;
import no.nb.bibliotekkortet.notification.service.SmsEncoding.Measure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SMS length rule: GSM-7 160/153 per part incl. æøå; any other character forces UCS-2 70/67. */
class SmsEncodingTest {

    private static String repeat(String s, int times) {
        return s.repeat(times);
    }

    @Test
    void norwegianLettersStayInGsm7() {
        Measure m = SmsEncoding.measure("Lånenummeret ditt er N000106188. Velkommen til Ørsta og Ærø!");
        assertEquals(Encoding.GSM7, m.encoding());
        assertEquals(1, m.parts());
    }

    @Test
    void gsm7FitsOnePartUpTo160AndSplitsBy153() {
        assertEquals(new Measure(Encoding.GSM7, 160, 1), SmsEncoding.measure(repeat("æ", 160)));
        assertEquals(new Measure(Encoding.GSM7, 161, 2), SmsEncoding.measure(repeat("ø", 161)));
        assertEquals(2, SmsEncoding.measure(repeat("å", 306)).parts());
        assertEquals(3, SmsEncoding.measure(repeat("a", 307)).parts());
    }

    @ParameterizedTest
    @ValueSource(strings = {"č", "đ", "ŋ", "š", "ŧ", "ž", "á", "Š"})
    void samiLettersForceUcs2(String letter) {
        Measure m = SmsEncoding.measure("Bures boahtin, " + letter);
        assertEquals(Encoding.UCS2, m.encoding());
    }

    @Test
    void ucs2FitsOnePartUpTo70AndSplitsBy67() {
        String sami = "š";
        assertEquals(new Measure(Encoding.UCS2, 70, 1), SmsEncoding.measure(sami + repeat("a", 69)));
        assertEquals(new Measure(Encoding.UCS2, 71, 2), SmsEncoding.measure(sami + repeat("a", 70)));
        assertEquals(2, SmsEncoding.measure(sami + repeat("a", 133)).parts());
        assertEquals(3, SmsEncoding.measure(sami + repeat("a", 134)).parts());
    }

    @Test
    void oneSamiLetterTurnsAGsmLengthMessageIntoSeveralParts() {
        String text = repeat("a", 100);
        assertEquals(1, SmsEncoding.measure(text).parts());
        assertEquals(2, SmsEncoding.measure(text + "ŋ").parts());
    }

    @Test
    void extensionCharactersCostTwoSeptets() {
        assertEquals(new Measure(Encoding.GSM7, 160, 1), SmsEncoding.measure(repeat("€", 80)));
        assertEquals(2, SmsEncoding.measure(repeat("€", 80) + "a").parts());
    }

    @Test
    void emojiCountsAsTwoUcs2Units() {
        assertEquals(new Measure(Encoding.UCS2, 2, 1), SmsEncoding.measure("😀"));
    }

    @Test
    void emptyTextIsOnePart() {
        assertEquals(1, SmsEncoding.measure("").parts());
    }
}
