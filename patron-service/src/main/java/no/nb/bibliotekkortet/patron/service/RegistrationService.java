package no.nb.bibliotekkortet.patron.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.client.DownstreamException;
import no.nb.bibliotekkortet.patron.client.AuthClient;
import no.nb.bibliotekkortet.patron.client.MembershipClient;
import no.nb.bibliotekkortet.patron.client.NumberSeriesClient;
import no.nb.bibliotekkortet.patron.domain.Ages;
import no.nb.bibliotekkortet.patron.domain.IdentityNumbers;
import no.nb.bibliotekkortet.patron.metrics.PatronMetrics;
import no.nb.bibliotekkortet.patron.population.RegistrationCheck;
import no.nb.bibliotekkortet.patron.repository.Card;
import no.nb.bibliotekkortet.patron.repository.CardRepository;
import no.nb.bibliotekkortet.patron.repository.ChangeRecords;
import no.nb.bibliotekkortet.patron.repository.GuardianshipRepository;
import no.nb.bibliotekkortet.patron.repository.Patron;
import no.nb.bibliotekkortet.patron.repository.PatronLibraryRepository;
import no.nb.bibliotekkortet.patron.repository.PatronRepository;
import no.nb.bibliotekkortet.patron.service.Requests.ChildRegistrationRequest;
import no.nb.bibliotekkortet.patron.service.Requests.RegistrationRequest;
import no.nb.bibliotekkortet.patron.service.Requests.SelfRegistrationRequest;
import org.jboss.logging.Logger;

/**
 * Registration of a patron (R6, R8, R5, R7, R9, R22), one flow for every way in: by staff at a library
 * ({@link #register}), by the patron with ID-porten ({@link #registerSelf}) and by a guardian for a child
 * ({@link #registerChild}). All or nothing: the home library is looked up, the card number is issued (printed,
 * from the library's series) or allocated (digital), the home membership is created, the initial PIN (and
 * password) set, then the patron, card, membership copy, change record, guardianship and notification (outbox)
 * are written in one transaction. When any step fails no patron is left behind: the card number is released,
 * and membership/auth are asked (through the outbox) to erase what they got.
 */
@ApplicationScoped
public class RegistrationService {

    private static final Logger LOG = Logger.getLogger(RegistrationService.class);
    private static final String UNIQUE_IDENTITY = "patron_identity_hash_unique";
    /** Digital numbers asked for before a registration gives up when each is already held here (see {@link #run}). */
    private static final int MAX_DIGITAL_ATTEMPTS = 3;

    private final IdentityNumbers identityNumbers;
    private final IdentityVault vault;
    private final NumberSeriesClient numberSeries;
    private final MembershipClient membership;
    private final AuthClient auth;
    private final PatronRepository patrons;
    private final CardRepository cards;
    private final PatronLibraryRepository libraries;
    private final ChangeRecords changes;
    private final GuardianshipRepository guardianships;
    private final Messages messages;
    private final Clock clock;
    private final RegistrationCheck population;
    private final PatronMetrics metrics;

    public RegistrationService(IdentityNumbers identityNumbers, IdentityVault vault, NumberSeriesClient numberSeries,
                               MembershipClient membership, AuthClient auth,
                               PatronRepository patrons, CardRepository cards, PatronLibraryRepository libraries,
                               ChangeRecords changes, GuardianshipRepository guardianships, Messages messages, Clock clock,
                               RegistrationCheck population, PatronMetrics metrics) {
        this.metrics = metrics;
        this.population = population;
        this.guardianships = guardianships;
        this.identityNumbers = identityNumbers;
        this.vault = vault;
        this.numberSeries = numberSeries;
        this.membership = membership;
        this.auth = auth;
        this.patrons = patrons;
        this.cards = cards;
        this.libraries = libraries;
        this.changes = changes;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Registers a patron at library {@code libraryNumber}.
     *
     * @param libraryNumber the 7-digit library the staff act for (already checked against the client registry)
     * @return the stored patron with cards and memberships
     * @throws ProblemException 400 for malformed input (field named); 422 for refused identity numbers (DUF R7,
     *                          month+40, synthetic), an address with the secret-address flag (R5), a card number
     *                          outside the library's series; 409 when the identity number is registered (detail names
     *                          only the existing card numbers) or the card number is taken (at numberseries or
     *                          already held by a patron here); 503 when a service called during registration fails,
     *                          or 503 {@code card-number-unavailable} when the digital series answers only numbers
     *                          already held here (nothing is left behind either way)
     */
    public PatronSnapshot register(String libraryNumber, RegistrationRequest request) {
        PatronSnapshot registered = run(StaffRegistrations.validate(identityNumbers, libraryNumber, request, today()),
                this::duplicate);
        metrics.registered(PatronMetrics.Channel.STAFF);
        return registered;
    }

    /**
     * Self-registration with ID-porten (R9, R16, R22): identity number from the token's {@code pid}, allowed from
     * the 15th birthday (Europe/Oslo date); a digital card; the home membership per the chosen library's
     * activation mode; {@code welcome}.
     *
     * @param identityNumber the caller's {@code pid} (never from the body)
     * @return the stored patron with cards and memberships
     * @throws ProblemException 403 {@code guardian-required} under 15 (a guardian registers children); 400 for a
     *                          missing or malformed field (named); 422 unknown home library, refused credentials,
     *                          a D-number birth date in the future; 409 when already registered (detail names the
     *                          card numbers); 503 when a service fails (nothing left behind)
     */
    public PatronSnapshot registerSelf(String identityNumber, SelfRegistrationRequest request) {
        PatronSnapshot registered = run(SelfRegistrations.validate(identityNumbers, identityNumber, request, today()),
                this::duplicate);
        metrics.registered(PatronMetrics.Channel.SELF);
        return registered;
    }

    /**
     * A guardian (ID-porten) registers a child under 15 (R22): digital card, home membership per the library's
     * activation mode, the declared relationship recorded (who, when), {@code child-registered} to the guardian.
     *
     * @param guardianIdentityNumber the guardian's {@code pid}
     * @throws ProblemException 409 when the child's identity number is already registered (no card numbers: the
     *                          guardian's claim is not yet trusted); 422 {@code child-not-under-15} from the 15th
     *                          birthday, {@code guardian-is-child}; 403 {@code guardian-under-18}; 400 missing
     *                          {@code guardianContact} when the guardian is not registered; otherwise as
     *                          {@link #registerSelf}
     */
    public PatronSnapshot registerChild(String guardianIdentityNumber, ChildRegistrationRequest request) {
        IdentityNumbers.Parsed guardian = SelfRegistrations.caller(identityNumbers, guardianIdentityNumber);
        byte[] guardianHash = vault.hash(guardian.value());
        UUID guardianPatronId = QuarkusTransaction.requiringNew().call(() -> patrons.findByIdentityHash(guardianHash)
                .filter(p -> p.state == Patron.State.ACTIVE).map(p -> p.id).orElse(null));
        PatronSnapshot registered = run(SelfRegistrations.validateChild(identityNumbers, guardian, guardianHash,
                guardianPatronId, request, today()), id -> ProblemException.conflict("identity-number-registered",
                "Identity number already registered",
                "This identity number is already registered and cannot be registered as a child"));
        metrics.registered(PatronMetrics.Channel.GUARDIAN);
        return registered;
    }

    private LocalDate today() {
        return Instant.now(clock).atZone(Ages.OSLO).toLocalDate();
    }

    private PatronSnapshot run(NewPatron typed, Function<UUID, ProblemException> duplicate) {
        // Issue 21: the population register's name, birth date, address and protection (never blocks for long).
        RegistrationCheck.Result checked = population.check(typed);
        NewPatron input = checked.input();
        byte[] hash = vault.hash(input.identity().value());
        List<byte[]> hashes = new java.util.ArrayList<>(List.of(hash));
        if (!input.identity().value().equals(typed.identity().value())) {
            hashes.add(vault.hash(typed.identity().value()));
        }
        checked.otherIdentityNumbers().forEach(n -> hashes.add(vault.hash(n)));
        QuarkusTransaction.requiringNew().run(() -> hashes.forEach(h -> patrons.findByIdentityHash(h).ifPresent(existing -> {
            throw duplicate.apply(existing.id);
        })));
        MembershipClient.Library library;
        try {
            library = membership.library(input.homeLibrary()).orElseThrow(() -> ProblemException.unprocessable(
                    "unknown-library", "Unknown library", "No library with number " + input.homeLibrary()
                            + " is in the directory", input.homeLibraryField(), "existing library"));
        } catch (DownstreamException e) {
            throw unavailable(e);
        }
        String libraryNumber = input.homeLibrary();

        String requestId = "patron-registration-" + UUID.randomUUID();
        UUID patronId = UUID.randomUUID();
        String cardNumber;
        Card.Kind kind;
        try {
            if (input.printedCardNumber() != null) {
                if (isHeld(input.printedCardNumber())) {
                    throw NumberSeriesClient.cardNumberTaken();
                }
                numberSeries.issue(input.printedCardNumber(), libraryNumber, requestId);
                cardNumber = input.printedCardNumber();
                kind = Card.Kind.PRINTED;
            } else {
                cardNumber = numberSeries.allocateDigital(requestId);
                for (int attempt = 1; isHeld(cardNumber); attempt++) {
                    // numberseries-service and this register disagree (e.g. one restored from an older backup): the
                    // number stays allocated there, so it is never handed out again, and another one is asked for.
                    LOG.errorf("Digital card number %s from numberseries-service is already held in the patron register;"
                            + " the registers disagree (attempt %d of %d)", cardNumber, attempt, MAX_DIGITAL_ATTEMPTS);
                    if (attempt == MAX_DIGITAL_ATTEMPTS) {
                        throw new ProblemException(Problem.of(503, "card-number-unavailable", "No card number available",
                                "The national digital series answered only numbers that are already in use; nothing"
                                        + " was registered, try again later", null, null), Map.of("Retry-After", "60"));
                    }
                    requestId = "patron-registration-" + UUID.randomUUID();
                    cardNumber = numberSeries.allocateDigital(requestId);
                }
                kind = Card.Kind.DIGITAL;
            }
        } catch (DownstreamException e) {
            throw unavailable(e);
        }

        boolean membershipCreated = false;
        boolean pinSet = false;
        try {
            MembershipClient.Membership created = membership.createHomeMembership(patronId, libraryNumber,
                    input.membershipMode());
            membershipCreated = true;
            if (input.pin() != null) {
                auth.setCredentials(patronId, input.pin(), input.password());
                pinSet = true;
            }
            final String number = cardNumber;
            QuarkusTransaction.requiringNew().run(() ->
                    store(patronId, input, checked, library, hash, number, kind, created));
        } catch (RuntimeException e) {
            compensate(patronId, cardNumber, kind, requestId, membershipCreated, pinSet);
            if (isUniqueIdentityViolation(e)) {
                throw QuarkusTransaction.requiringNew().call(() -> patrons.findByIdentityHash(hash)
                        .map(existing -> duplicate.apply(existing.id))
                        .orElseGet(() -> ProblemException.conflict("identity-number-registered",
                                "Identity number already registered", "The identity number is already registered")));
            }
            if (e instanceof DownstreamException d) {
                throw unavailable(d);
            }
            throw e;
        }
        LOG.infof("Registered patron %s (by %s) at home library %s with %s card %s", patronId, input.createdBy(),
                libraryNumber, kind, cardNumber);
        return QuarkusTransaction.requiringNew().call(() -> new PatronSnapshot(patrons.findById(patronId),
                cards.ofPatron(patronId), libraries.of(patronId)));
    }

    private boolean isHeld(String cardNumber) {
        return QuarkusTransaction.requiringNew().call(() -> cards.isHeld(cardNumber));
    }

    private void store(UUID patronId, NewPatron in, RegistrationCheck.Result checked, MembershipClient.Library library,
                       byte[] hash, String cardNumber, Card.Kind kind, MembershipClient.Membership membership) {
        String libraryNumber = library.libraryNumber();
        Instant now = Instant.now(clock);
        Patron p = NewPatronMapper.toEntity(patronId, in, checked, hash, vault.seal(in.identity().value()), now);
        patrons.persist(p);
        Card card = new Card();
        card.cardNumber = cardNumber;
        card.patronId = patronId;
        card.kind = kind;
        card.state = Card.State.ACTIVE;
        card.issuedBy = kind == Card.Kind.PRINTED ? libraryNumber : in.createdBy();
        card.issuedAt = now;
        cards.persist(card);
        patrons.flush();
        libraries.apply(patronId, libraryNumber, membership.state(), true, membership.version());
        changes.append(patronId, ChangeRecords.Kind.CREATED, List.of(libraryNumber), in.createdBy(), now);
        if (in.child()) {
            NewPatron.GuardianDeclaration g = in.guardian();
            guardianships.declare(patronId, g.guardianHash(), g.guardianPatronId(), g.email(), g.phone(), now);
            messages.notify(Notifications.childRegistered(
                    patronId, in.language(), in.givenNames(), cardNumber));
        } else {
            messages.notify(Notifications.welcome(
                    patronId, in.language(), cardNumber, library.name(), "PENDING_ACTIVATION".equals(membership.state())));
        }
    }

    private void compensate(UUID patronId, String cardNumber, Card.Kind kind, String requestId,
                            boolean membershipCreated, boolean pinSet) {
        try {
            numberSeries.release(cardNumber, requestId);
        } catch (RuntimeException e) {
            LOG.warnf("Release of card %s failed; queued for retry", cardNumber);
            QuarkusTransaction.requiringNew().run(() -> {
                if (kind == Card.Kind.PRINTED) {
                    messages.releaseCardNumber(cardNumber, requestId);
                } else {
                    messages.retireCardNumbers(List.of(cardNumber));
                }
            });
        }
        // The membership/PIN may have been stored even when the call timed out: ask for erasure in any case.
        QuarkusTransaction.requiringNew().run(() -> {
            messages.erase("membership-service", List.of(patronId.toString()));
            messages.erase("auth-service", List.of(patronId.toString()));
        });
        LOG.infof("Registration of patron %s rolled back (membership created: %s, PIN set: %s)", patronId,
                membershipCreated, pinSet);
    }

    private ProblemException duplicate(UUID existingPatronId) {
        List<String> numbers = cards.ofPatron(existingPatronId).stream()
                .filter(c -> c.state == Card.State.ACTIVE).map(c -> c.cardNumber).toList();
        return new ProblemException(new Problem(Problem.TYPE_BASE + "identity-number-registered",
                "Identity number already registered", 409,
                "The person is already registered with card number(s) " + String.join(", ", numbers),
                "identityNumber", "one patron per identity number"));
    }

    private static ProblemException unavailable(DownstreamException e) {
        return new ProblemException(Problem.of(503, "downstream-unavailable", "A required service is unavailable",
                "The registration could not be completed because " + e.service()
                        + " failed; nothing was registered, try again", null, null), Map.of("Retry-After", "5"));
    }

    private static boolean isUniqueIdentityViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains(UNIQUE_IDENTITY)) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException c
                    && UNIQUE_IDENTITY.equals(c.getConstraintName())) {
                return true;
            }
        }
        return false;
    }
}
