package no.nb.bibliotekkortet.notification.template;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import java.util.List;

/**
 * The type-safe Qute message bundle holding every notification text: bokmål ({@code nb}, default) in
 * {@code messages/msg.properties}, nynorsk in {@code msg_nn.properties}, English in {@code msg_en.properties}.
 * Qute checks at build time that every expression in every language refers to a parameter declared here.
 * Per template id (ARCHITECTURE.md) there are three messages: e-mail subject, e-mail body, SMS text.
 * No message takes an identity number or an address (privacy rules; R5).
 */
@MessageBundle(value = "msg", locale = "nb")
public interface NotificationMessages {

    @Message String footer();

    @Message String purpose_login();
    @Message String purpose_change_personal_data();
    @Message String purpose_change_pin();
    @Message String purpose_change_password();

    // one-time-code (R16): code, what it is for, minutes valid
    @Message String one_time_code_subject();
    @Message String one_time_code_body(String code, String purpose, int minutes);
    @Message String one_time_code_sms(String code, String purpose, int minutes);

    // welcome: card number, home library
    @Message String welcome_subject();
    @Message String welcome_body(String cardNumber, String homeLibrary);
    @Message String welcome_sms(String cardNumber, String homeLibrary);

    // welcome-pending: as welcome, while the home library's membership waits for activation in person
    @Message String welcome_pending_subject();
    @Message String welcome_pending_body(String cardNumber, String homeLibrary);
    @Message String welcome_pending_sms(String cardNumber, String homeLibrary);

    // library-full-access (R19): which library now sees the full record
    @Message String library_full_access_subject();
    @Message String library_full_access_body(String library);
    @Message String library_full_access_sms(String library);

    // card-replaced (R14): the new card number and the library that gave it
    @Message String card_replaced_subject();
    @Message String card_replaced_body(String cardNumber, String library);
    @Message String card_replaced_sms(String cardNumber, String library);

    // inactivity-warning (R21): deletion date; any use keeps the card
    @Message String inactivity_warning_subject();
    @Message String inactivity_warning_body(String deletionDate);
    @Message String inactivity_warning_sms(String deletionDate);

    // deleted-inactive (R21)
    @Message String deleted_inactive_subject();
    @Message String deleted_inactive_body();
    @Message String deleted_inactive_sms();

    // unregistered (R20): the libraries where the person is still a patron
    @Message String unregistered_subject();
    @Message String unregistered_body(List<String> libraries);
    @Message String unregistered_sms(List<String> libraries);

    // child-registered (R22): to the guardian
    @Message String child_registered_subject();
    @Message String child_registered_body(String childName, String cardNumber);
    @Message String child_registered_sms(String childName, String cardNumber);

    // guardian-access-ended (R22): to the guardian
    @Message String guardian_access_ended_subject();
    @Message String guardian_access_ended_body(String childName);
    @Message String guardian_access_ended_sms(String childName);

    // dpa-reminder-1, dpa-reminder-2, dpa-final-warning, ill-blocked (R23): to the library's contact address
    @Message String dpa_reminder_1_subject(String library);
    @Message String dpa_reminder_1_body(String library);
    @Message String dpa_reminder_1_sms(String library);

    @Message String dpa_reminder_2_subject(String library);
    @Message String dpa_reminder_2_body(String library);
    @Message String dpa_reminder_2_sms(String library);

    @Message String dpa_final_warning_subject(String library);
    @Message String dpa_final_warning_body(String library);
    @Message String dpa_final_warning_sms(String library);

    @Message String ill_blocked_subject(String library);
    @Message String ill_blocked_body(String library);
    @Message String ill_blocked_sms(String library);
}
