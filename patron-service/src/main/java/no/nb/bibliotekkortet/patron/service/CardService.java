package no.nb.bibliotekkortet.patron.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.client.DownstreamException;
import no.nb.bibliotekkortet.patron.client.MembershipClient;
import no.nb.bibliotekkortet.patron.client.NumberSeriesClient;
import no.nb.bibliotekkortet.patron.repository.Card;
import no.nb.bibliotekkortet.patron.repository.CardRepository;
import no.nb.bibliotekkortet.patron.repository.ChangeFeedWriter;
import no.nb.bibliotekkortet.patron.repository.Patron;
import no.nb.bibliotekkortet.patron.repository.PatronRepository;
import org.jboss.logging.Logger;

/**
 * Card operations by staff (R1, R12): a printed card for a digital one (R14) and a replacement for a lost
 * printed card. Each runs in one transaction that holds the patron's row lock while numberseries is called,
 * so two concurrent operations on one account are serialised: the second sees the first's result (409).
 * Order: issue the new printed number, retire the old number, then write; a failed retirement releases the
 * new number (directly, else through the outbox) and nothing is written.
 */
@ApplicationScoped
public class CardService {

    private static final Logger LOG = Logger.getLogger(CardService.class);

    /** Why a number was retired while its account lives on (stored in {@code card.retired_reason}). */
    public enum RetiredReason { SWAPPED, LOST, MERGED }

    private final EntityManager em;
    private final PatronRepository patrons;
    private final CardRepository cards;
    private final PatronService patronService;
    private final NumberSeriesClient numberSeries;
    private final MembershipClient membership;
    private final ChangeFeedWriter feed;
    private final Messages messages;
    private final Clock clock;

    public CardService(EntityManager em, PatronRepository patrons, CardRepository cards, PatronService patronService,
                       NumberSeriesClient numberSeries, MembershipClient membership, ChangeFeedWriter feed, Messages messages,
                       Clock clock) {
        this.em = em;
        this.patrons = patrons;
        this.cards = cards;
        this.patronService = patronService;
        this.numberSeries = numberSeries;
        this.membership = membership;
        this.feed = feed;
        this.messages = messages;
        this.clock = clock;
    }

    /** Result of a card operation: the patron afterwards and the number retired. */
    public record Outcome(PatronSnapshot patron, String issued, String retired) {
    }

    /**
     * R14: staff at {@code libraryNumber} give the patron holding {@code cardNumber} a printed card
     * {@code printedNumber} from the library's series; the patron's ACTIVE digital number is retired at
     * numberseries (never issued again; still resolves to the account, R1). Account, memberships and PIN unchanged.
     *
     * @throws ProblemException 400 malformed number (field {@code cardNumber}); 404 unknown patron; 403 library
     *                          not an ACTIVE member library; 409 {@code no-digital-card} / {@code printed-card-exists}
     *                          (also for the loser of two concurrent swaps); 422 {@code card-number-outside-series};
     *                          409 {@code card-number-taken}; 503 numberseries unavailable (nothing changed)
     */
    @Transactional
    public Outcome printedForDigital(String cardNumber, String libraryNumber, String printedNumber) {
        PatronService.requireCardNumber(printedNumber, "cardNumber");
        PatronSnapshot s = lockedMember(cardNumber, libraryNumber);
        Card digital = active(s, Card.Kind.DIGITAL).orElseThrow(() -> ProblemException.conflict("no-digital-card",
                "No digital card", "The patron has no active digital card to exchange for a printed one (R14)"));
        if (active(s, Card.Kind.PRINTED).isPresent()) {
            throw ProblemException.conflict("printed-card-exists", "The patron already has a printed card",
                    "Use the replacement-card call for a lost printed card");
        }
        return exchange(s, libraryNumber, digital, printedNumber, RetiredReason.SWAPPED);
    }

    /**
     * A replacement printed card for a lost one: {@code lostCardNumber} (an ACTIVE printed card of the patron)
     * is blocked and retired at numberseries, {@code printedNumber} from the library's series is issued to the
     * same account. The patron keeps at most one ACTIVE card per kind.
     *
     * @throws ProblemException 400 malformed numbers (fields {@code cardNumber}, {@code lostCardNumber}); 404 unknown;
     *                          403 not a member library; 422 {@code not-an-active-printed-card} (field
     *                          {@code lostCardNumber}); 422/409 from numberseries; 503 unavailable
     */
    @Transactional
    public Outcome replaceLost(String cardNumber, String libraryNumber, String lostCardNumber, String printedNumber) {
        PatronService.requireCardNumber(printedNumber, "cardNumber");
        PatronService.requireCardNumber(lostCardNumber, "lostCardNumber");
        PatronSnapshot s = lockedMember(cardNumber, libraryNumber);
        Card lost = s.cards().stream().filter(c -> c.cardNumber.equals(lostCardNumber) && c.state == Card.State.ACTIVE
                        && c.kind == Card.Kind.PRINTED).findFirst()
                .orElseThrow(() -> ProblemException.unprocessable("not-an-active-printed-card", "Not an active printed card",
                        "The lost card must be an active printed card of this patron", "lostCardNumber", "R1"));
        return exchange(s, libraryNumber, lost, printedNumber, RetiredReason.LOST);
    }

    private Outcome exchange(PatronSnapshot s, String libraryNumber, Card old, String printedNumber, RetiredReason reason) {
        Patron p = s.patron();
        if (cards.isHeld(printedNumber)) {
            throw NumberSeriesClient.cardNumberTaken();
        }
        String requestId = "patron-card-" + UUID.randomUUID();
        try {
            numberSeries.issue(printedNumber, libraryNumber, requestId);
        } catch (DownstreamException e) {
            throw unavailable(e);
        }
        try {
            numberSeries.retire(List.of(old.cardNumber));
        } catch (DownstreamException e) {
            releaseAfterFailure(printedNumber, requestId);
            throw unavailable(e);
        }
        Instant now = Instant.now(clock);
        retire(old.cardNumber, reason, libraryNumber, now);
        Card card = new Card();
        card.cardNumber = printedNumber;
        card.patronId = p.id;
        card.kind = Card.Kind.PRINTED;
        card.state = Card.State.ACTIVE;
        card.issuedBy = libraryNumber;
        card.issuedAt = now;
        cards.persist(card);
        p.changedBy = libraryNumber;
        p.changedAt = now;
        cards.flush();
        feed.cardChanged(p.id, s.libraryNumbers(), List.of(printedNumber), List.of(old.cardNumber), reason.name(),
                libraryNumber, now);
        messages.notify(
                Notifications.cardReplaced(p.id, p.language, printedNumber, libraryName(libraryNumber)));
        em.clear();
        return new Outcome(patronService.byId(p.id), printedNumber, old.cardNumber);
    }

    /** Marks a card retired (state REPLACED + reason) in the current transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void retire(String cardNumber, RetiredReason reason, String by, Instant at) {
        cards.retire(cardNumber, reason.name(), by, at);
    }

    /**
     * Loads the patron holding {@code cardNumber} with a row lock and checks that {@code libraryNumber} is an
     * ACTIVE member library (R19).
     *
     * @throws ProblemException 400 malformed; 404 unknown; 403 not a member library
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public PatronSnapshot lockedMember(String cardNumber, String libraryNumber) {
        PatronSnapshot found = patronService.byCardNumber(cardNumber);
        Patron locked = em.find(Patron.class, found.patron().id, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(locked);
        PatronSnapshot s = patronService.snapshot(locked);
        if (locked.state != Patron.State.ACTIVE) {
            throw ProblemException.notFound("patron-not-found", "No patron holds this card number");
        }
        if (!s.isMemberOf(libraryNumber)) {
            throw ProblemException.forbidden("not-a-member-library", "Only the patron's member libraries may change cards (R19)");
        }
        return s;
    }

    static Optional<Card> active(PatronSnapshot s, Card.Kind kind) {
        return s.cards().stream().filter(c -> c.kind == kind && c.state == Card.State.ACTIVE).findFirst();
    }

    private String libraryName(String libraryNumber) {
        try {
            return membership.library(libraryNumber).map(MembershipClient.Library::name).orElse(libraryNumber);
        } catch (RuntimeException e) {
            return libraryNumber;
        }
    }

    private void releaseAfterFailure(String cardNumber, String requestId) {
        try {
            numberSeries.release(cardNumber, requestId);
        } catch (RuntimeException e) {
            LOG.warn("Releasing a printed number after a failed card operation failed; queued in the outbox");
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> messages.releaseCardNumber(cardNumber, requestId));
        }
    }

    static ProblemException unavailable(DownstreamException e) {
        return new ProblemException(Problem.of(503, "downstream-unavailable", "A required service is unavailable",
                "The card operation could not be completed because " + e.service() + " failed; nothing was changed, try again",
                null, null), Map.of("Retry-After", "5"));
    }
}
