package no.nb.bibliotekkortet.membership.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One published loan-rules version of a library (table {@code loan_rules}, R10): text or link, and the
 * first day (Europe/Oslo) it applies. Versions count from 1 per library and are never changed.
 */
@Entity
@Table(name = "loan_rules")
public class LoanRules {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "library_number", columnDefinition = "bpchar(7)")
    public String libraryNumber;

    public int version;

    public String text;

    public String link;

    @Column(name = "valid_from")
    public LocalDate validFrom;

    @Column(name = "published_at")
    public Instant publishedAt;
}
