package no.nb.bibliotekkortet.notification.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One outgoing notification and its delivery state. {@code email}, {@code phone}, {@code patronId} and
 * {@code params} are personal data: they are nulled at erasure ({@code erasedAt} set), the rest stays.
 */
@Entity
@Table(name = "notification")
public class Notification {

    /** Delivery states; the API shows them in lower case with hyphens (e.g. {@code failed-will-retry}). */
    public enum Status { QUEUED, SENDING, SENT, FAILED_WILL_RETRY, DEAD, CANCELLED;

        /** True for states that never change again. */
        public boolean isFinal() {
            return this == SENT || this == DEAD || this == CANCELLED;
        }

        /** The API name: lower case, hyphens. */
        public String apiName() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    /** Requested channels; PREFERRED lets the patron's contact data (or the given recipient) decide. */
    public enum Channel { EMAIL, SMS, PREFERRED }

    @Id
    public UUID id;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "idempotency_key", nullable = false)
    public String idempotencyKey;

    @Column(nullable = false)
    public String template;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column
    public String language;

    @Column(name = "patron_id")
    public String patronId;

    @Column
    public String email;

    @Column
    public String phone;

    @Column(columnDefinition = "text")
    public String params;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Enumerated(EnumType.STRING)
    @Column(name = "delivered_channel")
    public Channel deliveredChannel;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "claimed_until")
    public Instant claimedUntil;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "final_at")
    public Instant finalAt;

    @Column(name = "erase_after")
    public Instant eraseAfter;

    @Column(name = "erased_at")
    public Instant erasedAt;

    /** Nulls every personal field and records when. */
    public void erasePersonalData(Instant now) {
        email = null;
        phone = null;
        patronId = null;
        params = null;
        erasedAt = now;
    }
}
