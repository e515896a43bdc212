package no.nb.bibliotekkortet.numberseries.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A processed issue or digital-allocation request: its id, the number it got, and whether it was released. */
@Entity
@Table(name = "card_number_request")
public class CardNumberRequest {

    /** Which internal operation the request id was used for. */
    public enum Operation { ISSUE, DIGITAL }

    @Id
    @Column(name = "request_id", length = 100)
    public String requestId;

    @Enumerated(EnumType.STRING)
    @Column(name = "operation", nullable = false, length = 7)
    public Operation operation;

    @Column(name = "number")
    public Long number;

    @Column(name = "library_number", length = 7)
    public String libraryNumber;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "released_at")
    public Instant releasedAt;
}
