package no.nb.bibliotekkortet.notification.template;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Map;

/**
 * Renders a template in a language from validated parameters ({@link TemplateParams}) into the e-mail
 * subject and body and the SMS text. Each template calls its typed message methods in
 * {@link NotificationMessages}, so a missing or misspelt parameter fails the build, not a delivery.
 */
@ApplicationScoped
public class TemplateRenderer {

    /** The three renderings of one notification. */
    public record Rendered(String subject, String body, String sms) {
    }

    /**
     * @param template the template
     * @param language the language
     * @param params   parameters as accepted by {@link TemplateParams#validate} (strings, integers, lists of strings)
     * @return subject, e-mail body (with the footer) and SMS text
     * @throws IllegalArgumentException when a parameter is missing or has the wrong shape (validate first)
     */
    public Rendered render(TemplateId template, Language language, Map<String, Object> params) {
        NotificationMessages m = language == Language.NB
                ? MessageBundles.get(NotificationMessages.class)
                : MessageBundles.get(NotificationMessages.class, Localized.Literal.of(language.code()));
        Rendered r = switch (template) {
            case ONE_TIME_CODE -> {
                String code = text(params, "code");
                String purpose = purpose(m, text(params, "purpose"));
                int minutes = integer(params, "minutesValid");
                yield new Rendered(m.one_time_code_subject(), m.one_time_code_body(code, purpose, minutes),
                        m.one_time_code_sms(code, purpose, minutes));
            }
            case WELCOME -> new Rendered(m.welcome_subject(),
                    m.welcome_body(text(params, "cardNumber"), text(params, "homeLibrary")),
                    m.welcome_sms(text(params, "cardNumber"), text(params, "homeLibrary")));
            case WELCOME_PENDING -> new Rendered(m.welcome_pending_subject(),
                    m.welcome_pending_body(text(params, "cardNumber"), text(params, "homeLibrary")),
                    m.welcome_pending_sms(text(params, "cardNumber"), text(params, "homeLibrary")));
            case LIBRARY_FULL_ACCESS -> new Rendered(m.library_full_access_subject(),
                    m.library_full_access_body(text(params, "library")), m.library_full_access_sms(text(params, "library")));
            case CARD_REPLACED -> new Rendered(m.card_replaced_subject(),
                    m.card_replaced_body(text(params, "cardNumber"), text(params, "library")),
                    m.card_replaced_sms(text(params, "cardNumber"), text(params, "library")));
            case INACTIVITY_WARNING -> {
                String date = date(params, "deletionDate", language);
                yield new Rendered(m.inactivity_warning_subject(), m.inactivity_warning_body(date), m.inactivity_warning_sms(date));
            }
            case DELETED_INACTIVE -> new Rendered(m.deleted_inactive_subject(), m.deleted_inactive_body(), m.deleted_inactive_sms());
            case UNREGISTERED -> new Rendered(m.unregistered_subject(),
                    m.unregistered_body(list(params, "libraries")), m.unregistered_sms(list(params, "libraries")));
            case CHILD_REGISTERED -> new Rendered(m.child_registered_subject(),
                    m.child_registered_body(text(params, "childName"), text(params, "cardNumber")),
                    m.child_registered_sms(text(params, "childName"), text(params, "cardNumber")));
            case GUARDIAN_ACCESS_ENDED -> new Rendered(m.guardian_access_ended_subject(),
                    m.guardian_access_ended_body(text(params, "childName")), m.guardian_access_ended_sms(text(params, "childName")));
            case DPA_REMINDER_1 -> {
                String l = text(params, "library");
                yield new Rendered(m.dpa_reminder_1_subject(l), m.dpa_reminder_1_body(l), m.dpa_reminder_1_sms(l));
            }
            case DPA_REMINDER_2 -> {
                String l = text(params, "library");
                yield new Rendered(m.dpa_reminder_2_subject(l), m.dpa_reminder_2_body(l), m.dpa_reminder_2_sms(l));
            }
            case DPA_FINAL_WARNING -> {
                String l = text(params, "library");
                yield new Rendered(m.dpa_final_warning_subject(l), m.dpa_final_warning_body(l), m.dpa_final_warning_sms(l));
            }
            case ILL_BLOCKED -> {
                String l = text(params, "library");
                yield new Rendered(m.ill_blocked_subject(l), m.ill_blocked_body(l), m.ill_blocked_sms(l));
            }
        };
        return new Rendered(r.subject(), r.body() + m.footer(), r.sms());
    }

    private static String purpose(NotificationMessages m, String purpose) {
        return switch (purpose) {
            case "login" -> m.purpose_login();
            case "change-personal-data" -> m.purpose_change_personal_data();
            case "change-pin" -> m.purpose_change_pin();
            case "change-password" -> m.purpose_change_password();
            default -> throw new IllegalArgumentException("Unknown purpose");
        };
    }

    private static String text(Map<String, Object> params, String name) {
        if (params.get(name) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("Parameter " + name + " must be a string");
    }

    private static int integer(Map<String, Object> params, String name) {
        if (params.get(name) instanceof Number n) {
            return n.intValue();
        }
        throw new IllegalArgumentException("Parameter " + name + " must be an integer");
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> params, String name) {
        if (params.get(name) instanceof List<?> l) {
            return (List<String>) l;
        }
        throw new IllegalArgumentException("Parameter " + name + " must be a list");
    }

    private static String date(Map<String, Object> params, String name, Language language) {
        LocalDate date = LocalDate.parse(text(params, name));
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(language.locale()).format(date);
    }
}
