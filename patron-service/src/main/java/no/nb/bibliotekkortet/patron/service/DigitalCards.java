package no.nb.bibliotekkortet.patron.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.Comparator;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.patron.client.MembershipClient;
import no.nb.bibliotekkortet.patron.domain.Barcodes;
import no.nb.bibliotekkortet.patron.repository.Card;

/**
 * The digital card (R9): card number, name, home library and the Code 128 barcode of the number (SVG and
 * PNG, {@link Barcodes}). Only an ACTIVE card number renders a card: a retired number never does (R1).
 */
@ApplicationScoped
public class DigitalCards {

    private final MembershipClient membership;

    public DigitalCards(MembershipClient membership) {
        this.membership = membership;
    }

    /** The home library: number and name (the number when membership-service cannot be asked). */
    public record Library(String libraryNumber, String name) {
    }

    /** The barcode: format {@code CODE_128}, the encoded text, SVG markup and PNG as base64. */
    public record Barcode(String format, String text, int width, int height, String svg, String png) {
    }

    /** The card as shown on a phone. */
    public record CardView(String cardNumber, String kind, String name, Library homeLibrary, Barcode barcode) {
    }

    /**
     * The card of the patron's own login: the ACTIVE printed card when there is one, else the ACTIVE digital card.
     *
     * @throws ProblemException 404 {@code no-active-card}
     */
    public CardView own(PatronSnapshot s) {
        Card card = s.cards().stream().filter(c -> c.state == Card.State.ACTIVE)
                .min(Comparator.comparing(c -> c.kind == Card.Kind.PRINTED ? 0 : 1))
                .orElseThrow(() -> ProblemException.notFound("no-active-card", "The patron has no active card"));
        return view(s, card);
    }

    /**
     * The card with this number, for staff: 404 {@code card-retired} when the number is retired (R1).
     */
    public CardView of(PatronSnapshot s, String cardNumber) {
        Card card = s.cards().stream().filter(c -> c.cardNumber.equals(cardNumber)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("patron-not-found", "No patron holds this card number"));
        if (card.state != Card.State.ACTIVE) {
            throw ProblemException.notFound("card-retired", "This card number is retired and has no card (R1)");
        }
        return view(s, card);
    }

    private CardView view(PatronSnapshot s, Card card) {
        Library home = s.homeLibrary().map(n -> {
            try {
                return new Library(n, membership.library(n).map(MembershipClient.Library::name).orElse(n));
            } catch (RuntimeException e) {
                return new Library(n, n);
            }
        }).orElse(null);
        Barcode barcode = new Barcode("CODE_128", card.cardNumber, Barcodes.WIDTH, Barcodes.HEIGHT,
                Barcodes.svg(card.cardNumber), Base64.getEncoder().encodeToString(Barcodes.png(card.cardNumber)));
        return new CardView(card.cardNumber, card.kind.name(), s.patron().givenNames + " " + s.patron().surname, home, barcode);
    }
}
