package no.nb.bibliotekkortet.notification.service;

/**
 * How an SMS text is encoded and into how many parts it is split (3GPP TS 23.038 / 23.040).
 *
 * <p>GSM-7 (the default alphabet) holds 160 characters in one part, 153 per part when the message is
 * split (the rest of each part carries the concatenation header). It covers the Norwegian letters
 * æ, ø, å, Æ, Ø, Å. Characters of the extension table ({@code ^ { } \ [ ~ ] | €} and form feed) cost two
 * septets each. Any character outside GSM-7 — among them the Sámi letters č, đ, ŋ, š, ŧ, ž and á — forces
 * UCS-2 for the whole message: 70 characters in one part, 67 per part when split; characters outside the
 * Basic Multilingual Plane (e.g. emoji) count as two UCS-2 units.
 */
public final class SmsEncoding {

    /** The two encodings an SMS may use. */
    public enum Encoding { GSM7, UCS2 }

    /** Result: the encoding, the length in encoding units (septets or UTF-16 units) and the number of parts. */
    public record Measure(Encoding encoding, int units, int parts) {
    }

    public static final int GSM7_SINGLE = 160;
    public static final int GSM7_MULTI = 153;
    public static final int UCS2_SINGLE = 70;
    public static final int UCS2_MULTI = 67;

    /** The GSM 03.38 basic character set (one septet each). */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /** The GSM 03.38 extension table (escape + character: two septets each). */
    private static final String EXTENSION = "^{}\\[~]|€\f";

    private SmsEncoding() {
    }

    /** True when {@code c} can be sent in GSM-7 (basic set or extension table). */
    public static boolean isGsm7(char c) {
        return BASIC.indexOf(c) >= 0 || EXTENSION.indexOf(c) >= 0;
    }

    /**
     * Measures {@code text}: GSM-7 when every character is in GSM-7, otherwise UCS-2.
     *
     * @param text the SMS text (not null; the empty text is one part)
     * @return encoding, units and parts (1 when it fits one message)
     */
    public static Measure measure(String text) {
        int septets = 0;
        boolean gsm = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) >= 0) {
                septets += 1;
            } else if (EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                gsm = false;
                break;
            }
        }
        if (gsm) {
            return new Measure(Encoding.GSM7, septets, parts(septets, GSM7_SINGLE, GSM7_MULTI));
        }
        int units = text.length();
        return new Measure(Encoding.UCS2, units, parts(units, UCS2_SINGLE, UCS2_MULTI));
    }

    private static int parts(int units, int single, int multi) {
        if (units <= single) {
            return 1;
        }
        return (units + multi - 1) / multi;
    }
}
