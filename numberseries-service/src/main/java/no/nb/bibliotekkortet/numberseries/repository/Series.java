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
import no.nb.bibliotekkortet.numberseries.domain.NumberRange;

/**
 * A reserved series: the card numbers {@code firstNumber..lastNumber} (inclusive, the 9 digits after
 * the {@code N}) belong to library {@code libraryNumber} (kind LIBRARY), or to the register's national
 * digital series (kind DIGITAL, no library). Never overlaps another series (database constraint
 * {@code series_no_overlap}).
 */
@Entity
@Table(name = "series")
public class Series {

    /** Whose numbers these are. */
    public enum Kind { LIBRARY, DIGITAL }

    /** How the series came into the register. */
    public enum Origin { ORDER, IMPORT, GROWTH }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "library_number", length = 7)
    public String libraryNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 7)
    public Kind kind = Kind.LIBRARY;

    @Enumerated(EnumType.STRING)
    @Column(name = "origin", nullable = false, length = 6)
    public Origin origin = Origin.ORDER;

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

    /** The series' numbers as a range. */
    public NumberRange range() {
        return new NumberRange(firstNumber, lastNumber);
    }
}
