package no.nb.bibliotekkortet.patron.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.patron.domain.Ages;
import no.nb.bibliotekkortet.patron.domain.IdentityNumbers;
import no.nb.bibliotekkortet.patron.metrics.PatronMetrics;
import no.nb.bibliotekkortet.patron.repository.CardRepository;
import no.nb.bibliotekkortet.patron.repository.ChangeFeedWriter;
import no.nb.bibliotekkortet.patron.repository.ChangeRecords;
import no.nb.bibliotekkortet.patron.repository.Patron;
import no.nb.bibliotekkortet.patron.repository.PatronLibraryRepository;
import no.nb.bibliotekkortet.patron.repository.PatronRepository;
import no.nb.bibliotekkortet.patron.service.Requests.UpdateRequest;

/** Lookups (R19) and changes by staff at member libraries (R5, R6). */
@ApplicationScoped
public class PatronService {

    private final IdentityNumbers identityNumbers;
    private final IdentityVault vault;
    private final PatronRepository patrons;
    private final CardRepository cards;
    private final PatronLibraryRepository libraries;
    private final ChangeRecords changes;
    private final ChangeFeedWriter feedWriter;
    private final Clock clock;
    private final PatronMetrics metrics;

    public PatronService(IdentityNumbers identityNumbers, IdentityVault vault, PatronRepository patrons,
                         CardRepository cards, PatronLibraryRepository libraries, ChangeRecords changes,
                         ChangeFeedWriter feedWriter, Clock clock, PatronMetrics metrics) {
        this.metrics = metrics;
        this.feedWriter = feedWriter;
        this.identityNumbers = identityNumbers;
        this.vault = vault;
        this.patrons = patrons;
        this.cards = cards;
        this.libraries = libraries;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * The patron holding a card number ({@code N} + 9 digits), ACTIVE patrons only.
     *
     * @throws ProblemException 400 (field {@code cardNumber}) when malformed; 404 when unknown
     */
    @Transactional
    public PatronSnapshot byCardNumber(String cardNumber) {
        requireCardNumber(cardNumber, "cardNumber");
        java.util.Optional<Patron> found = patrons.findByCardNumber(cardNumber).filter(p -> p.state == Patron.State.ACTIVE);
        metrics.lookedUp(PatronMetrics.LookupBy.CARD_NUMBER, found.isPresent());
        return found.map(this::snapshot)
                .orElseThrow(() -> ProblemException.notFound("patron-not-found", "No patron holds this card number"));
    }

    /**
     * The lookup by card number of the library systems' API (R19): as {@link #byCardNumber}, in a read-only transaction
     * of its own (nothing snapshotted, dirty-checked or flushed) with two queries: the patron with its cards, and its
     * membership copy.
     *
     * @throws ProblemException 400 (field {@code cardNumber}) when malformed; 404 when unknown or not ACTIVE
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public PatronSnapshot lookUpByCardNumber(String cardNumber) {
        requireCardNumber(cardNumber, "cardNumber");
        patrons.readOnlyTransaction();
        java.util.Optional<PatronRepository.WithCards> found = patrons.findWithCardsByCardNumber(cardNumber)
                .filter(w -> w.patron().state == Patron.State.ACTIVE);
        metrics.lookedUp(PatronMetrics.LookupBy.CARD_NUMBER, found.isPresent());
        return found.map(this::snapshot)
                .orElseThrow(() -> ProblemException.notFound("patron-not-found", "No patron holds this card number"));
    }

    /**
     * The search by identity number of the library systems' API (R19): as {@link #byIdentityNumber}, in a read-only
     * transaction of its own with two queries (the patron with its cards, its membership copy).
     *
     * @throws ProblemException 400/422 (field {@code identityNumber}) for a number the register does not accept;
     *                          404 when nobody ACTIVE is registered with it
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public PatronSnapshot lookUpByIdentityNumber(String identityNumber) {
        IdentityNumbers.Parsed parsed = PatronInputs.identityNumber(identityNumbers, identityNumber, "identityNumber");
        patrons.readOnlyTransaction();
        java.util.Optional<PatronRepository.WithCards> found = patrons.findWithCardsByIdentityHash(vault.hash(parsed.value()))
                .filter(w -> w.patron().state == Patron.State.ACTIVE);
        metrics.lookedUp(PatronMetrics.LookupBy.IDENTITY_NUMBER, found.isPresent());
        return found.map(this::snapshot)
                .orElseThrow(() -> ProblemException.notFound("patron-not-found", "No patron is registered with this identity number"));
    }

    private PatronSnapshot snapshot(PatronRepository.WithCards found) {
        return new PatronSnapshot(found.patron(), found.cards(), libraries.of(found.patron().id));
    }

    /**
     * The patron with an identity number (exact match through the keyed hash).
     *
     * @throws ProblemException 400/422 (field {@code identityNumber}) for a number the register does not accept;
     *                          404 when nobody is registered with it
     */
    @Transactional
    public PatronSnapshot byIdentityNumber(String identityNumber) {
        IdentityNumbers.Parsed parsed = PatronInputs.identityNumber(identityNumbers, identityNumber, "identityNumber");
        java.util.Optional<Patron> found = patrons.findByIdentityHash(vault.hash(parsed.value()))
                .filter(p -> p.state == Patron.State.ACTIVE);
        metrics.lookedUp(PatronMetrics.LookupBy.IDENTITY_NUMBER, found.isPresent());
        return found.map(this::snapshot)
                .orElseThrow(() -> ProblemException.notFound("patron-not-found", "No patron is registered with this identity number"));
    }

    /**
     * The ACTIVE patron registered with this identity number (a citizen's own {@code pid}), if any.
     *
     * @throws ProblemException 403 when the number is not accepted by the register
     */
    @Transactional
    public java.util.Optional<PatronSnapshot> byOwnIdentityNumber(String pid) {
        IdentityNumbers.Parsed parsed = SelfRegistrations.caller(identityNumbers, pid);
        return patrons.findByIdentityHash(vault.hash(parsed.value())).filter(p -> p.state == Patron.State.ACTIVE)
                .map(this::snapshot);
    }

    /**
     * The patron with an opaque id (any state).
     *
     * @throws ProblemException 404 when unknown
     */
    @Transactional
    public PatronSnapshot byId(UUID id) {
        return patrons.findByIdOptional(id).map(this::snapshot)
                .orElseThrow(() -> ProblemException.notFound("patron-not-found", "No patron with this id"));
    }

    /**
     * Changes contact data, addresses or the secret-address flag by staff at {@code libraryNumber} (R5, R6).
     * Setting {@code addressProtected} erases every stored address; an address sent for a patron who has (or
     * gets) the flag is refused. Appends an UPDATED change record in the same transaction.
     *
     * @throws ProblemException 403 when the library is not an ACTIVE member library of the patron; 404 unknown
     *                          card; 400 malformed field; 422 address with a secret address (R5)
     */
    @Transactional
    public PatronSnapshot update(String cardNumber, String libraryNumber, UpdateRequest r) {
        PatronSnapshot current = byCardNumber(cardNumber);
        if (!current.isMemberOf(libraryNumber)) {
            throw ProblemException.forbidden("not-a-member-library",
                    "Only the patron's member libraries may change the patron (R19)");
        }
        return applyUpdate(current, libraryNumber, r);
    }

    /**
     * Applies a change to a loaded patron (staff, the patron, a guardian): validates every field first, then
     * changes the managed entity and appends an UPDATED change record naming {@code changedBy} and the fields that changed
     * ({@link ChangedFields}; empty when the values sent equal the stored ones). Must run in the
     * caller's transaction; a later exception there undoes everything.
     *
     * @param changedBy library number, {@code SELF} or {@code GUARDIAN}
     * @throws ProblemException 400 malformed field (named); 422 address with a secret address (R5)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public PatronSnapshot applyUpdate(PatronSnapshot current, String changedBy, UpdateRequest r) {
        if (r == null) {
            throw ProblemException.badRequest(null, "a JSON body is required", "A JSON body is required");
        }
        Patron p = current.patron();
        ChangedFields before = ChangedFields.of(p);
        boolean willBeProtected = r.addressProtected() != null ? r.addressProtected() : p.addressProtected;
        if (!willBeProtected && p.registerProtection != null) {
            // Issue 21: the population register protects the address; nobody here may put one back (R5).
            throw ProblemException.unprocessable("protected-by-population-register", "Address protected by the population register",
                    "The population register protects this person's address: the secret-address flag stays on and no address is stored (R5)",
                    "addressProtected", "R5");
        }
        if (willBeProtected && (r.permanentAddress() != null || r.temporaryAddress() != null)) {
            throw PatronInputs.secretAddressWithAddress(
                    r.permanentAddress() != null ? "permanentAddress" : "temporaryAddress");
        }
        PatronInputs.Address permanent = PatronInputs.address(r.permanentAddress(), "permanentAddress");
        PatronInputs.Address temporary = PatronInputs.temporaryAddress(r.temporaryAddress(), "temporaryAddress", Instant.now(clock).atZone(Ages.OSLO).toLocalDate());
        PatronInputs.Phones phones = PatronInputs.phones(r.phones());
        String email = PatronInputs.email(r.email());
        String language = PatronInputs.language(r.language(), p.language);
        if (!willBeProtected && p.addressProtected && permanent == null) {
            throw ProblemException.badRequest("permanentAddress", "required when the secret-address flag is removed",
                    "Removing the secret-address flag needs a permanent address");
        }

        if (willBeProtected) {
            p.eraseAddresses();
        }
        p.addressProtected = willBeProtected;
        if (permanent != null) {
            p.addressLines = permanent.lines();
            p.addressPostcode = permanent.postcode();
            p.addressPlace = permanent.place();
            p.addressCountry = permanent.country();
        }
        if (temporary != null) {
            p.tempAddressLines = temporary.lines();
            p.tempAddressPostcode = temporary.postcode();
            p.tempAddressPlace = temporary.place();
            p.tempAddressCountry = temporary.country();
            p.tempAddressUntil = temporary.validUntil();
        }
        if (phones.home() != null) {
            p.phoneHome = phones.home();
        }
        if (phones.work() != null) {
            p.phoneWork = phones.work();
        }
        if (phones.mobile() != null) {
            p.phoneMobile = phones.mobile();
        }
        if (email != null) {
            p.email = email;
        }
        if (r.preferredChannel() != null) {
            p.preferredChannel = r.preferredChannel();
        }
        if (p.preferredChannel == Patron.Channel.EMAIL && p.email == null) {
            throw ProblemException.badRequest("email", "required for channel EMAIL", "Preferred channel EMAIL needs an e-mail address");
        }
        if (p.preferredChannel == Patron.Channel.SMS && p.phoneMobile == null) {
            throw ProblemException.badRequest("phones.mobile", "required for channel SMS", "Preferred channel SMS needs a mobile phone");
        }
        p.language = language;
        Instant now = Instant.now(clock);
        p.changedBy = changedBy;
        p.changedAt = now;
        patrons.flush();
        feedWriter.updated(p.id, current.libraryNumbers(), before.changedIn(p), changedBy, now);
        return snapshot(p);
    }

    /** Validates a card number's form. @throws ProblemException 400 naming {@code field} */
    public static void requireCardNumber(String cardNumber, String field) {
        if (cardNumber == null || cardNumber.isEmpty()) {
            throw ProblemException.badRequest(field, "required", "A card number is required (" + field + ")");
        }
        if (!cardNumber.matches("N\\d{9}")) {
            throw ProblemException.badRequest(field, "N followed by 9 digits", "A card number is N followed by 9 digits");
        }
    }

    /** The patron with its cards and membership copy (inside a transaction). */
    public PatronSnapshot snapshot(Patron p) {
        return new PatronSnapshot(p, cards.ofPatron(p.id), libraries.of(p.id));
    }

    /**
     * Snapshots of several patrons in three queries (patrons, cards, membership copies), for pages of many
     * patrons such as the change feed (inside a transaction).
     *
     * @return by patron id; ids of patrons that do not exist are absent
     */
    public java.util.Map<UUID, PatronSnapshot> snapshots(java.util.Collection<UUID> patronIds) {
        java.util.Map<UUID, PatronSnapshot> result = new java.util.HashMap<>();
        if (patronIds.isEmpty()) {
            return result;
        }
        java.util.Map<UUID, java.util.List<no.nb.bibliotekkortet.patron.repository.Card>> cardsOf = cards.ofPatrons(patronIds);
        java.util.Map<UUID, java.util.List<PatronLibraryRepository.PatronLibrary>> librariesOf = libraries.of(patronIds);
        for (Patron p : patrons.list("id in ?1", patronIds)) {
            result.put(p.id, new PatronSnapshot(p, cardsOf.getOrDefault(p.id, java.util.List.of()),
                    librariesOf.getOrDefault(p.id, java.util.List.of())));
        }
        return result;
    }
}
