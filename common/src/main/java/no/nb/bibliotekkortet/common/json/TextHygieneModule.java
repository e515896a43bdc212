package no.nb.bibliotekkortet.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.text.Normalizer;

/**
 * Every text value of a request body is checked once, at JSON binding, before any service sees it (R24,
 * "input hygiene at the edge"; the register's data ends up on library desks, in e-mails and in other systems):
 * <ul>
 *   <li>refused (400 naming the field, rule {@link #RULE}): C0 and C1 control characters (NUL included; line
 *       breaks and tabs only in {@link MultiLine} fields), DEL, bidirectional overrides and isolates (U+202A..U+202E,
 *       U+2066..U+2069, U+200E, U+200F, U+061C), zero-width characters (U+200B..U+200D, U+2060, U+FEFF), lone
 *       surrogates and the non-characters U+FFFE, U+FFFF;</li>
 *   <li>normalised to Unicode NFC (so that "å" typed as a + ring is the same name as "å"), and in {@link MultiLine}
 *       fields CR LF and lone CR to LF.</li>
 * </ul>
 * HTML is not refused: it is stored as text, and whoever renders it (the self-service site, library systems) must
 * escape it (docs/security.md).
 */
public final class TextHygieneModule extends SimpleModule {

    /** The rule named in the problem document for a single-line field. */
    public static final String RULE = "text without control, bidirectional-override or zero-width characters";
    /** The rule for a {@link MultiLine} field. */
    public static final String RULE_MULTI_LINE = "text without control (other than line breaks and tabs), "
            + "bidirectional-override or zero-width characters";

    /** A text value with a character the register refuses. */
    public static final class UnsafeTextException extends InvalidFormatException {
        private final String rule;

        UnsafeTextException(JsonParser p, String rule, int codePoint) {
            super(p, "Refused character U+" + String.format("%04X", codePoint) + ": " + rule, null, String.class);
            this.rule = rule;
        }

        /** The rule broken, for the problem document. */
        public String rule() {
            return rule;
        }
    }

    public TextHygieneModule() {
        super("register-text-hygiene");
        addDeserializer(String.class, new Checked(false));
    }

    /**
     * Checks and normalises one value.
     *
     * @param value     the decoded JSON string
     * @param multiLine whether line breaks and tabs are allowed
     * @return the NFC form (line breaks as LF), or the index of the first refused code point as a negative number
     *         minus one is reported by {@link #firstRefused}
     */
    static String clean(String value, boolean multiLine) {
        String text = multiLine ? value.replace("\r\n", "\n").replace('\r', '\n') : value;
        return Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** The first code point of {@code value} that the register refuses, or -1 when there is none. */
    public static int firstRefused(String value, boolean multiLine) {
        for (int i = 0; i < value.length(); ) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return c;
                }
                i += 2;
                continue;
            }
            if (Character.isLowSurrogate(c) || refused(c, multiLine)) {
                return c;
            }
            i++;
        }
        return -1;
    }

    private static boolean refused(char c, boolean multiLine) {
        if (c < 0x20) {
            return !(multiLine && (c == '\n' || c == '\r' || c == '\t'));
        }
        return c == 0x7F || (c >= 0x80 && c <= 0x9F)
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E || c == 0x200F || c == 0x061C
                || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF
                || c == 0xFFFE || c == 0xFFFF;
    }

    private static final class Checked extends JsonDeserializer<String> implements ContextualDeserializer {
        private final boolean multiLine;

        Checked(boolean multiLine) {
            this.multiLine = multiLine;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            boolean multi = property != null && property.getAnnotation(MultiLine.class) != null;
            return multi == multiLine ? this : new Checked(multi);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value == null) {
                return null;
            }
            int bad = firstRefused(value, multiLine);
            if (bad >= 0) {
                throw new UnsafeTextException(p, multiLine ? RULE_MULTI_LINE : RULE, bad);
            }
            return clean(value, multiLine);
        }

        @Override
        public Class<?> handledType() {
            return String.class;
        }
    }
}
