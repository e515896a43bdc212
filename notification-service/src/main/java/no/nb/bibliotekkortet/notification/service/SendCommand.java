package no.nb.bibliotekkortet.notification.service;

import java.util.Map;

/**
 * A send request as received: idempotency key (body or header, already reconciled), recipient
 * (e-mail, E.164 phone and/or patron id), channel, template id, language code and template parameters.
 * Any field may be null here; {@link NotificationService#accept} validates.
 */
public record SendCommand(String idempotencyKey, String email, String phone, String patronId, String channel,
                          String template, String language, Map<String, Object> params) {
}
