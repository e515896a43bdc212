package no.nb.bibliotekkortet.patron.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Bodies for notification-service's {@code POST /internal/v1/notifications} (docs/notification-service.md):
 * {@code {idempotencyKey, recipient: {patronId}, channel, template, language, params}}. The recipient is the
 * patron id, so the contact is read at send time (a child's goes to the guardian, R22). No identity numbers,
 * no addresses.
 */
public final class Notifications {

    private Notifications() {
    }

    /** {@code welcome} {cardNumber, homeLibrary = the library's name}; key {@code welcome-<patronId>}. */
    public static Map<String, Object> welcome(UUID patronId, String language, String cardNumber, String homeLibraryName) {
        return welcome(patronId, language, cardNumber, homeLibraryName, false);
    }

    /**
     * As {@link #welcome(UUID, String, String, String)}; {@code pending}: the home library's membership waits for
     * activation in person, so the message says so ({@code welcome-pending}) instead of "ready to use" (issue 19).
     */
    public static Map<String, Object> welcome(UUID patronId, String language, String cardNumber, String homeLibraryName,
                                              boolean pending) {
        return body("welcome-" + patronId, patronId, pending ? "welcome-pending" : "welcome", language,
                Map.of("cardNumber", cardNumber, "homeLibrary", homeLibraryName));
    }

    /** {@code child-registered} {childName, cardNumber} to the guardian (the child's contact); key {@code child-registered-<childId>}. */
    public static Map<String, Object> childRegistered(UUID childId, String language, String childName, String cardNumber) {
        return body("child-registered-" + childId, childId, "child-registered", language,
                Map.of("childName", childName, "cardNumber", cardNumber));
    }

    /**
     * {@code card-replaced} {cardNumber = the new number, library = the library's name} (R14); key
     * {@code card-replaced-<cardNumber>} (a number is issued once, so one message per new card).
     */
    public static Map<String, Object> cardReplaced(UUID patronId, String language, String cardNumber, String libraryName) {
        return body("card-replaced-" + cardNumber, patronId, "card-replaced", language,
                Map.of("cardNumber", cardNumber, "library", libraryName));
    }

    private static Map<String, Object> body(String key, UUID patronId, String template, String language,
                                            Map<String, Object> params) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idempotencyKey", key);
        body.put("recipient", Map.of("patronId", patronId.toString()));
        body.put("channel", "PREFERRED");
        body.put("template", template);
        body.put("language", language);
        body.put("params", params);
        return body;
    }
}
