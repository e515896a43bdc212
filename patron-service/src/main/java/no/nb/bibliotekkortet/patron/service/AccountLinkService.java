package no.nb.bibliotekkortet.patron.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.client.DownstreamException;
import no.nb.bibliotekkortet.patron.client.MembershipClient;
import no.nb.bibliotekkortet.patron.client.NumberSeriesClient;
import no.nb.bibliotekkortet.patron.domain.MembershipMode;
import no.nb.bibliotekkortet.patron.repository.AccountLinkRepository;
import no.nb.bibliotekkortet.patron.repository.Card;
import no.nb.bibliotekkortet.patron.repository.ChangeFeedWriter;
import no.nb.bibliotekkortet.patron.repository.Patron;
import no.nb.bibliotekkortet.patron.repository.PatronLibraryRepository;
import no.nb.bibliotekkortet.patron.repository.PatronRepository;

/**
 * Merges (R13): a library's local card linked to the national account as an alias, and two national accounts
 * of one person merged into one (legacy duplicates, by an admin).
 */
@ApplicationScoped
public class AccountLinkService {

    /** A local number as library systems write them: 1–40 letters, digits or hyphens. */
    public static final String LOCAL_NUMBER = "[A-Za-z0-9-]{1,40}";

    private final AccountLinkRepository links;
    private final PatronRepository patrons;
    private final CardService cardService;
    private final PatronService patronService;
    private final PatronLibraryRepository libraries;
    private final NumberSeriesClient numberSeries;
    private final MembershipClient membership;
    private final ChangeFeedWriter feed;
    private final Messages messages;
    private final Clock clock;

    public AccountLinkService(AccountLinkRepository links, PatronRepository patrons, CardService cardService, PatronService patronService,
                              PatronLibraryRepository libraries, NumberSeriesClient numberSeries, MembershipClient membership,
                              ChangeFeedWriter feed, Messages messages, Clock clock) {
        this.links = links;
        this.patrons = patrons;
        this.cardService = cardService;
        this.patronService = patronService;
        this.libraries = libraries;
        this.numberSeries = numberSeries;
        this.membership = membership;
        this.feed = feed;
        this.messages = messages;
        this.clock = clock;
    }

    /** The alias link: whether it was new, and the patron afterwards. */
    public record Linked(boolean created, PatronSnapshot patron, String libraryNumber, String localCardNumber) {
    }

    /**
     * R13: staff at {@code libraryNumber} link their local card {@code localNumber} to the national account
     * holding {@code cardNumber}. When L has no ACTIVE membership in the copy, one is created at membership-service
     * ({@code POST /internal/v1/memberships}, mode IN_PERSON: the patron is present). Linking the same pair to
     * the same patron again is harmless (created=false).
     *
     * @throws ProblemException 400 malformed (fields {@code cardNumber}, {@code localCardNumber}); 404 unknown card;
     *                          409 {@code local-card-linked-elsewhere} when (L, local number) belongs to another
     *                          patron; 409 when membership-service refuses (a pending membership exists); 503
     */
    @Transactional
    public Linked linkLocalCard(String cardNumber, String libraryNumber, String localNumber) {
        if (localNumber == null || !localNumber.matches(LOCAL_NUMBER)) {
            throw ProblemException.badRequest("localCardNumber", "1-40 letters, digits or hyphens",
                    "The local card number is 1 to 40 letters, digits or hyphens");
        }
        PatronSnapshot found = patronService.byCardNumber(cardNumber);
        Patron p = patrons.lock(found.patron().id);
        java.util.Optional<UUID> owner = links.aliasOwner(libraryNumber, localNumber);
        if (owner.isPresent()) {
            if (!owner.get().equals(p.id)) {
                throw ProblemException.conflict("local-card-linked-elsewhere", "Local card already linked",
                        "This library's local card number is already linked to another national account");
            }
            return new Linked(false, patronService.snapshot(p), libraryNumber, localNumber);
        }
        PatronSnapshot s = patronService.snapshot(p);
        if (!s.isMemberOf(libraryNumber)) {
            try {
                MembershipClient.Membership m = membership.createHomeMembership(p.id, libraryNumber, MembershipMode.IN_PERSON);
                libraries.apply(p.id, libraryNumber, m.state(), s.libraries().isEmpty(), m.version());
            } catch (DownstreamException e) {
                throw CardService.unavailable(e);
            }
        }
        Instant now = Instant.now(clock);
        if (!links.link(libraryNumber, localNumber, p.id, now)) {
            throw ProblemException.conflict("local-card-linked-elsewhere", "Local card already linked",
                    "This library's local card number is already linked to another national account");
        }
        PatronSnapshot after = patronService.snapshot(p);
        feed.updated(p.id, after.libraryNumbers(), List.of("localCards"), libraryNumber, now);
        return new Linked(true, after, libraryNumber, localNumber);
    }

    /**
     * R13: the national account a library's local card number is linked to; scoped to that library (the same
     * local number at another library finds nothing).
     *
     * @throws ProblemException 400 malformed; 404 not linked at this library
     */
    @Transactional
    public PatronSnapshot byLocalCard(String libraryNumber, String localNumber) {
        if (localNumber == null || !localNumber.matches(LOCAL_NUMBER)) {
            throw ProblemException.badRequest("localCardNumber", "1-40 letters, digits or hyphens",
                    "The local card number is 1 to 40 letters, digits or hyphens");
        }
        return links.aliasOwner(libraryNumber, localNumber).flatMap(patrons::findByIdOptional)
                .filter(p -> p.state == Patron.State.ACTIVE).map(patronService::snapshot)
                .orElseThrow(() -> ProblemException.notFound("local-card-not-linked",
                        "No national account is linked to this local card number at this library"));
    }

    /**
     * Merges account {@code b} into account {@code a} (same person, legacy duplicates; admin only): b's ACTIVE
     * card numbers are retired at numberseries and kept as a's retired numbers (they still resolve to a, R1);
     * memberships move through membership-service's merge contract (a's home wins) and the copy takes its answer;
     * local-card aliases and guardianships (as child and as guardian) are united on a; b is removed (a DELETED
     * tombstone with b's card numbers in the feed, b's credentials erased at auth-service through the outbox).
     *
     * @throws ProblemException 400 {@code from} when a equals b; 404 either unknown; 503 downstream unavailable
     */
    @Transactional
    public PatronSnapshot mergeAccounts(UUID a, UUID b) {
        if (a.equals(b)) {
            throw ProblemException.badRequest("from", "differs from the target account", "An account cannot be merged into itself");
        }
        UUID first = a.compareTo(b) < 0 ? a : b;
        UUID second = first.equals(a) ? b : a;
        Patron p1 = patrons.lock(first);
        Patron p2 = patrons.lock(second);
        Patron target = first.equals(a) ? p1 : p2;
        Patron source = first.equals(a) ? p2 : p1;
        if (target == null || target.state != Patron.State.ACTIVE) {
            throw ProblemException.notFound("patron-not-found", "No patron with the target id");
        }
        if (source == null || source.state != Patron.State.ACTIVE) {
            throw ProblemException.notFound("patron-not-found", "No patron with the id in from");
        }
        PatronSnapshot sb = patronService.snapshot(source);
        List<String> active = sb.cards().stream().filter(c -> c.state == Card.State.ACTIVE).map(c -> c.cardNumber).toList();
        List<String> all = sb.cards().stream().map(c -> c.cardNumber).toList();
        List<MembershipClient.Membership> memberships;
        try {
            numberSeries.retire(active);
            memberships = membership.mergeMemberships(a, b);
        } catch (DownstreamException e) {
            throw CardService.unavailable(e);
        }
        Instant now = Instant.now(clock);
        List<String> libsBefore = new ArrayList<>(sb.libraryNumbers());
        for (String n : active) {
            cardService.retire(n, CardService.RetiredReason.MERGED, "ADMIN", now);
        }
        // Guardianships: b as child → a as child (a relationship a already has wins); b as guardian → a.
        links.moveToTarget(a, target.identityHash, b, source.identityHash);
        for (MembershipClient.Membership m : memberships) {
            libraries.apply(a, m.libraryNumber(), m.state(), m.home(), m.version());
        }
        links.dropLibraries(b);
        if (source.lastActivityAt != null && (target.lastActivityAt == null || target.lastActivityAt.isBefore(source.lastActivityAt))) {
            target.lastActivityAt = source.lastActivityAt;
        }
        target.changedBy = "ADMIN";
        target.changedAt = now;
        links.deleteMergedAccount(b);
        PatronSnapshot after = patronService.byId(a);
        feed.cardChanged(a, after.libraryNumbers(), List.of(), all, CardService.RetiredReason.MERGED.name(), "ADMIN", now);
        feed.deleted(b, libsBefore, all, "ADMIN", now);
        messages.erase("auth-service", List.of(b.toString()));
        return after;
    }
}
