package no.nb.bibliotekkortet.membership.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.common.outbox.Outbox;
import no.nb.bibliotekkortet.membership.repository.Membership;

/**
 * The messages membership-service sends through the transactional outbox (ARCHITECTURE.md, internal
 * contracts): membership changes to patron-service and notifications to notification-service. Call
 * inside the transaction that makes the change.
 */
@ApplicationScoped
public class Messages {

    static final String PATRON_SERVICE = "patron-service";
    static final String NOTIFICATION_SERVICE = "notification-service";
    static final String MEMBERSHIP_CHANGES = "/internal/v1/membership-changes";
    static final String NOTIFICATIONS = "/internal/v1/notifications";
    /** State sent to patron-service for a membership that no longer exists (merge). */
    public static final String REMOVED = "REMOVED";

    private final Outbox outbox;

    public Messages(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Sends the current state of these memberships to patron-service's copy: [{patronId, libraryNumber, state, home, version}]. */
    public void membershipChanged(List<Membership> memberships) {
        if (memberships.isEmpty()) {
            return;
        }
        List<Map<String, Object>> body = memberships.stream().map(m -> change(m, m.state)).toList();
        outbox.enqueue(PATRON_SERVICE, MEMBERSHIP_CHANGES, body);
    }

    /** Tells patron-service that a membership is gone ({@code state = REMOVED}, with a new version). */
    public void membershipRemoved(Membership m, long version) {
        Map<String, Object> c = change(m, REMOVED);
        c.put("home", false);
        c.put("version", version);
        outbox.enqueue(PATRON_SERVICE, MEMBERSHIP_CHANGES, List.of(c));
    }

    /**
     * R19: the patron is told that the library now sees their full record (template
     * {@code library-full-access}, to the patron's preferred channel).
     */
    public void libraryFullAccess(Membership m, String libraryName) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idempotencyKey", "membership-full-access-" + m.id + "-" + m.version);
        body.put("recipient", Map.of("patronId", m.patronId));
        body.put("channel", "PREFERRED");
        body.put("template", "library-full-access");
        body.put("params", Map.of("library", libraryName));
        outbox.enqueue(NOTIFICATION_SERVICE, NOTIFICATIONS, body);
    }

    /**
     * R23: an agreement e-mail to a library's contact address ({@code channel EMAIL}, {@code email}); the
     * e-mails to one address are delivered in the order they were written.
     *
     * @param key unique per library and step, e.g. {@code dpa-2030000-REMINDER_1-<n>}
     */
    public void libraryEmail(String key, String email, String templateId, Map<String, String> params) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idempotencyKey", key);
        body.put("recipient", Map.of("email", email));
        body.put("channel", "EMAIL");
        body.put("template", templateId);
        body.put("language", "nb");
        body.put("params", params);
        // One address's agreement e-mails arrive in the order of the escalation (reminder 1, 2, final warning, …).
        outbox.enqueue(NOTIFICATION_SERVICE, NOTIFICATIONS, body, "email:" + email);
    }

    private static Map<String, Object> change(Membership m, String state) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("patronId", m.patronId);
        c.put("libraryNumber", m.libraryNumber);
        c.put("state", state);
        c.put("home", m.home);
        c.put("version", m.version);
        return c;
    }
}
