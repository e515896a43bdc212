package no.nb.bibliotekkortet.numberseries.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A card number that has left FREE (a number without a row is FREE). The primary key on {@code number}
 * is what makes two issues of one number impossible.
 */
@Entity
@Table(name = "card_number")
public class CardNumber {

    /** State of a number that has a row (FREE has none). */
    public enum State { ISSUED, RETIRED }

    /** Numeric part of the card number (1..999 999 999). */
    @Id
    @Column(name = "number")
    public Long number;

    @Column(name = "series_id", nullable = false)
    public long seriesId;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 7)
    public State state;

    /** Library it was issued for; null for digital numbers and numbers retired while FREE. */
    @Column(name = "library_number", length = 7)
    public String libraryNumber;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "issued_by", length = 200)
    public String issuedBy;

    @Column(name = "issue_request_id", length = 100)
    public String issueRequestId;

    @Column(name = "retired_at")
    public Instant retiredAt;

    @Column(name = "retired_by", length = 200)
    public String retiredBy;
}
