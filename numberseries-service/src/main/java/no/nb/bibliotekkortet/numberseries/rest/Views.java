package no.nb.bibliotekkortet.numberseries.rest;

import java.time.Instant;
import no.nb.bibliotekkortet.numberseries.repository.AuditEvent;
import no.nb.bibliotekkortet.numberseries.repository.Series;
import no.nb.bibliotekkortet.numberseries.domain.CardNumbers;
import no.nb.bibliotekkortet.numberseries.service.NumberStatus;

/** API shapes of numberseries-service: card numbers as {@code N} + 9 digits, times as UTC ISO-8601. */
public final class Views {

    private Views() {
    }

    /**
     * A series: {@code kind} LIBRARY (owned by {@code libraryNumber}) or DIGITAL (the register's national
     * digital series, {@code libraryNumber} null); {@code origin} ORDER, IMPORT or GROWTH.
     */
    public record SeriesView(long id, String libraryNumber, String kind, String origin, long count, String first,
                             String last, Instant reservedAt, String reservedBy) {
        static SeriesView of(Series s) {
            return new SeriesView(s.id, s.libraryNumber, s.kind.name(), s.origin.name(), s.size(),
                    CardNumbers.format(s.firstNumber), CardNumbers.format(s.lastNumber), s.reservedAt, s.reservedBy);
        }
    }

    /**
     * A card number's state: owner library ({@code libraryNumber}, null for the digital series), its
     * series, {@code state} FREE / ISSUED / RETIRED and {@code since} when; {@code issuedFor} the library
     * that issued it (null for digital numbers).
     */
    public record CardNumberView(String cardNumber, String state, Instant since, String libraryNumber,
                                 String seriesKind, SeriesView series, String issuedFor, Instant issuedAt,
                                 Instant retiredAt) {
        static CardNumberView of(NumberStatus s) {
            return new CardNumberView(CardNumbers.format(s.number()), s.state().name(), s.since(),
                    s.series().libraryNumber, s.series().kind.name(), SeriesView.of(s.series()), s.issuedFor(),
                    s.issuedAt(), s.retiredAt());
        }
    }

    /** One audit record: {@code action} on {@code first..last} by {@code actor} ({@code actorKind}) at {@code at}. */
    public record AuditView(String action, String first, String last, Long seriesId, String libraryNumber,
                            String actor, String actorKind, String requestId, Instant at) {
        static AuditView of(AuditEvent e) {
            return new AuditView(e.action.name(), CardNumbers.format(e.firstNumber), CardNumbers.format(e.lastNumber),
                    e.seriesId, e.libraryNumber, e.actor, e.actorKind, e.requestId, e.at);
        }
    }
}
