package no.nb.bibliotekkortet.membership.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A patron's membership of a library (table {@code membership}): state, the loan-rules version accepted,
 * when and how, and whether it is the home library (R8, R10).
 */
@Entity
@Table(name = "membership")
public class Membership {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The opaque patron id (patron-service's). */
    @Column(name = "patron_id")
    public String patronId;

    @Column(name = "library_number", columnDefinition = "bpchar(7)")
    public String libraryNumber;

    /** {@code PENDING_ACTIVATION} or {@code ACTIVE}. */
    public String state;

    @Column(name = "rules_version")
    public Integer rulesVersion;

    /** {@code IN_PERSON} (by staff) or {@code DIGITAL} (by the patron); null while pending. */
    public String acceptance;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    public boolean home;

    /** Change version, from sequence {@code membership_change_version}; sent to patron-service. */
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;
}
