package no.nb.bibliotekkortet.numberseries.service;

import java.time.Instant;
import no.nb.bibliotekkortet.numberseries.repository.CardNumber;
import no.nb.bibliotekkortet.numberseries.repository.Series;

/**
 * The state of one card number (R12): the series it lies in, FREE / ISSUED / RETIRED, and since when
 * (FREE: since its series was reserved or it was released; times are UTC instants).
 *
 * @param number        numeric part of the card number
 * @param series        the series it lies in
 * @param state         FREE, ISSUED or RETIRED
 * @param since         when it entered that state
 * @param issuedFor     library it was issued for (null when FREE, digital, or retired while FREE)
 * @param issuedAt      when it was issued (null when never issued or released)
 * @param retiredAt     when it was retired (null unless RETIRED)
 */
public record NumberStatus(long number, Series series, State state, Instant since, String issuedFor,
                           Instant issuedAt, Instant retiredAt) {

    /** A card number's state; FREE numbers have no row in {@code card_number}. */
    public enum State { FREE, ISSUED, RETIRED }

    /** Status of a number in {@code series} with row {@code row} (null when FREE, then {@code freeSince}). */
    public static NumberStatus of(long number, Series series, CardNumber row, Instant freeSince) {
        if (row == null) {
            return new NumberStatus(number, series, State.FREE, freeSince, null, null, null);
        }
        if (row.state == CardNumber.State.RETIRED) {
            return new NumberStatus(number, series, State.RETIRED, row.retiredAt, row.libraryNumber, row.issuedAt, row.retiredAt);
        }
        return new NumberStatus(number, series, State.ISSUED, row.issuedAt, row.libraryNumber, row.issuedAt, null);
    }
}
