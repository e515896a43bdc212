package no.nb.bibliotekkortet.patron.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A national card number ({@code N} + 9 digits) held by a patron: printed (from a library's series) or digital. */
@Entity
@Table(name = "card")
public class Card {

    public enum Kind { PRINTED, DIGITAL }

    public enum State { ACTIVE, REPLACED, DELETED }

    @Id
    @Column(name = "card_number")
    public String cardNumber;
    @Column(name = "patron_id", nullable = false)
    public UUID patronId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;
    @Column(name = "issued_by", nullable = false)
    public String issuedBy;
    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;
}
