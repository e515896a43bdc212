package no.nb.bibliotekkortet.notification.client;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * patron-service's contact answer ({@code GET /internal/v1/patrons/{id}/contact}, ARCHITECTURE.md):
 * e-mail, E.164 phone, preferred channel ({@code EMAIL}/{@code SMS}), language ({@code nb}/{@code nn}/
 * {@code en}), the guardian's contact for children, and whether the address is protected. Read
 * tolerantly: fields this service does not use are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PatronContact(String email, String phone, String preferredChannel, String language,
                            @JsonAlias("guardianContact") Guardian guardian, Boolean addressProtected) {

    /** A guardian's contact data (for patrons under 15, R22). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Guardian(String email, String phone) {
    }
}
