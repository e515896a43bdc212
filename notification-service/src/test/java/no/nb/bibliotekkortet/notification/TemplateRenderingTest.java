package no.nb.bibliotekkortet.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import no.nb.bibliotekkortet.notification.service.SmsEncoding;
import no.nb.bibliotekkortet.notification.template.Language;
import no.nb.bibliotekkortet.notification.template.TemplateId;
import no.nb.bibliotekkortet.notification.template.TemplateRenderer;
import no.nb.bibliotekkortet.notification.template.TemplateRenderer.Rendered;
import no.nb.bibliotekkortet.testsupport.RegisterTestResource;
import org.junit.jupiter.api.Test;

/**
 * Every template renders in nb, nn and en (subject, body, SMS), never with an identity number or an
 * address, and the SMS texts fit one part with ordinary parameters.
 */
@QuarkusTest
@QuarkusTestResource(value = RegisterTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification_test"))
@QuarkusTestResource(EdgeServers.class)
class TemplateRenderingTest {

    /** Identity numbers: 11 digits in a row (fødselsnummer, D-nummer), also when written with a space. */
    private static final Pattern IDENTITY_NUMBER = Pattern.compile("[0-9]{6} ?[0-9]{5}");
    /** A Norwegian postcode followed by a place name, as in an address line ("0150 Oslo"). */
    private static final Pattern POSTCODE_AND_PLACE = Pattern.compile("\\b[0-9]{4} [A-ZÆØÅ][a-zæøå]+");
    /** Street words of addresses. */
    private static final Pattern STREET = Pattern.compile("(?i)\\b\\w*(gate|gata|veien|vegen|vei|veg|allé|street|road)\\b \\d");

    @Inject
    TemplateRenderer renderer;

    static Map<String, Object> sample(TemplateId t) {
        return switch (t) {
            case ONE_TIME_CODE -> Map.of("code", "482913", "purpose", "change-pin", "minutesValid", 10);
            case WELCOME, WELCOME_PENDING -> Map.of("cardNumber", "N000106188", "homeLibrary", "Deichman Bjørvika");
            case CARD_REPLACED -> Map.of("cardNumber", "N000106189", "library", "Bergen offentlige bibliotek");
            case INACTIVITY_WARNING -> Map.of("deletionDate", "2027-03-01");
            case DELETED_INACTIVE -> Map.of();
            case UNREGISTERED -> Map.of("libraries", List.of("Deichman Bjørvika", "Tromsø bibliotek"));
            case CHILD_REGISTERED -> Map.of("childName", "Ola", "cardNumber", "N000106190");
            case GUARDIAN_ACCESS_ENDED -> Map.of("childName", "Ola");
            default -> Map.of("library", "Bergen offentlige bibliotek");
        };
    }

    @Test
    void everyTemplateRendersInEveryLanguageWithoutIdentityNumberOrAddress() {
        int rendered = 0;
        for (TemplateId t : TemplateId.values()) {
            for (String name : t.params().keySet()) {
                String lower = name.toLowerCase(Locale.ROOT);
                for (String forbidden : List.of("address", "street", "postcode", "postal", "identity", "ssn", "fnr", "birth")) {
                    assertFalse(lower.contains(forbidden), t.id() + " must not take a parameter like " + name);
                }
            }
            for (Language language : Language.values()) {
                Rendered r = renderer.render(t, language, sample(t));
                for (String text : List.of(r.subject(), r.body(), r.sms())) {
                    String where = t.id() + "/" + language.code() + ": " + text;
                    assertFalse(text.isBlank(), where);
                    assertFalse(text.contains("{"), "unrendered expression in " + where);
                    assertFalse(IDENTITY_NUMBER.matcher(text).find(), "identity number in " + where);
                    assertFalse(POSTCODE_AND_PLACE.matcher(text).find(), "address in " + where);
                    assertFalse(STREET.matcher(text).find(), "address in " + where);
                }
                assertFalse(r.subject().contains("\n"), "one-line subject " + t.id());
                rendered++;
            }
        }
        assertEquals(14 * 3, rendered);
    }

    @Test
    void smsTextsFitOnePartWithOrdinaryParameters() {
        List<String> tooLong = new ArrayList<>();
        for (TemplateId t : TemplateId.values()) {
            for (Language language : Language.values()) {
                String sms = renderer.render(t, language, sample(t)).sms();
                SmsEncoding.Measure m = SmsEncoding.measure(sms);
                if (m.parts() != 1) {
                    tooLong.add(t.id() + "/" + language.code() + " " + m + ": " + sms);
                }
            }
        }
        assertTrue(tooLong.isEmpty(), "SMS over one part: " + tooLong);
    }

    @Test
    void languagesDiffer() {
        Map<String, Object> params = sample(TemplateId.WELCOME);
        assertTrue(renderer.render(TemplateId.WELCOME, Language.NB, params).subject().contains("Velkommen"));
        assertTrue(renderer.render(TemplateId.WELCOME, Language.NN, params).subject().contains("Velkomen"));
        assertTrue(renderer.render(TemplateId.WELCOME, Language.EN, params).subject().contains("Welcome"));
        String nnDate = renderer.render(TemplateId.INACTIVITY_WARNING, Language.NN, sample(TemplateId.INACTIVITY_WARNING)).body();
        assertTrue(nnDate.contains("1. mars 2027"), nnDate);
        String enDate = renderer.render(TemplateId.INACTIVITY_WARNING, Language.EN, sample(TemplateId.INACTIVITY_WARNING)).body();
        assertTrue(enDate.contains("1 March 2027"), enDate);
        String list = renderer.render(TemplateId.UNREGISTERED, Language.NB, sample(TemplateId.UNREGISTERED)).body();
        assertTrue(list.contains("Deichman Bjørvika, Tromsø bibliotek."), list);
    }

    @Test
    void samiNameMakesTheSmsUcs2() {
        String sms = renderer.render(TemplateId.CHILD_REGISTERED, Language.NB,
                Map.of("childName", "Máret Ŋuolja", "cardNumber", "N000106191")).sms();
        assertEquals(SmsEncoding.Encoding.UCS2, SmsEncoding.measure(sms).encoding());
    }
}
