package no.nb.bibliotekkortet.selfservice;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The site's texts in bokmål ({@code nb}, the default), nynorsk ({@code nn}) and English ({@code en}), from
 * {@code i18n/messages[_nn|_en].properties}. Templates read them as {@code t.key}; a key missing in nn or en
 * falls back to bokmål (never to the JVM's locale).
 */
public final class Texts {

    public static final List<String> LANGUAGES = List.of("nb", "nn", "en");

    private static final Map<String, Map<String, String>> BY_LANGUAGE = new HashMap<>();

    static {
        ResourceBundle.Control noFallback = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        for (String lang : LANGUAGES) {
            Locale locale = lang.equals("nb") ? Locale.ROOT : Locale.forLanguageTag(lang);
            ResourceBundle bundle = ResourceBundle.getBundle("i18n.messages", locale, Texts.class.getClassLoader(), noFallback);
            Map<String, String> map = new HashMap<>();
            for (String key : bundle.keySet()) {
                map.put(key, bundle.getString(key));
            }
            BY_LANGUAGE.put(lang, Map.copyOf(map));
        }
    }

    private Texts() {
    }

    /** A supported language code, or nb for anything else (null, unknown). */
    public static String language(String wanted) {
        return wanted != null && LANGUAGES.contains(wanted) ? wanted : "nb";
    }

    /** Every text of the language, as key → text (bokmål for keys the language lacks). */
    public static Map<String, String> of(String lang) {
        return BY_LANGUAGE.get(language(lang));
    }

    /** One text; the key itself when no language has it (a visible, testable gap rather than an empty page). */
    public static String get(String lang, String key) {
        String text = of(lang).get(key);
        return text != null ? text : BY_LANGUAGE.get("nb").getOrDefault(key, key);
    }

    /** Whether the key exists in bokmål (every key does; nn and en may lack some). */
    public static boolean has(String key) {
        return BY_LANGUAGE.get("nb").containsKey(key);
    }
}
