package no.nb.bibliotekkortet.numberseries.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One audit record: who did what to the card numbers {@code firstNumber..lastNumber}, and when. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    /** What happened. */
    public enum Action { ORDER, IMPORT, GROWTH, ISSUE, ALLOCATE, RELEASE, RETIRE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(name = "action", nullable = false, length = 8)
    public Action action;

    @Column(name = "first_number", nullable = false)
    public long firstNumber;

    @Column(name = "last_number", nullable = false)
    public long lastNumber;

    @Column(name = "series_id")
    public Long seriesId;

    @Column(name = "library_number", length = 7)
    public String libraryNumber;

    /** The caller, e.g. {@code client:library-system-2030000}; never personal data. */
    @Column(name = "actor", nullable = false, length = 200)
    public String actor;

    /** The caller's client kind (LIBRARY_SYSTEM, PARTNER, ADMIN, SERVICE …) when known. */
    @Column(name = "actor_kind", length = 20)
    public String actorKind;

    @Column(name = "request_id", length = 100)
    public String requestId;

    @Column(name = "at", nullable = false)
    public Instant at;
}
