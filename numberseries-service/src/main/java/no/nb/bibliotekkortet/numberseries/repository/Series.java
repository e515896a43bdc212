package no.nb.bibliotekkortet.numberseries.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A reserved series: the card numbers {@code firstNumber..lastNumber} (inclusive, the 9 digits after
 * the {@code N}) belong to library {@code libraryNumber}. Never overlaps another series (database
 * constraint {@code series_no_overlap}).
 */
@Entity
@Table(name = "series")
public class Series {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "library_number", nullable = false, length = 7)
    public String libraryNumber;

    @Column(name = "first_number", nullable = false)
    public long firstNumber;

    @Column(name = "last_number", nullable = false)
    public long lastNumber;

    @Column(name = "reserved_at", nullable = false)
    public Instant reservedAt;

    @Column(name = "reserved_by", nullable = false, length = 200)
    public String reservedBy;

    /** How many card numbers the series holds. */
    public long size() {
        return lastNumber - firstNumber + 1;
    }
}
