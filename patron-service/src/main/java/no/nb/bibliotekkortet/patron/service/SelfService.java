package no.nb.bibliotekkortet.patron.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.client.DownstreamException;
import no.nb.bibliotekkortet.patron.client.AuthClient;
import no.nb.bibliotekkortet.patron.domain.Ages;
import no.nb.bibliotekkortet.patron.domain.IdentityNumbers;
import no.nb.bibliotekkortet.patron.repository.GuardianshipRepository;
import no.nb.bibliotekkortet.patron.repository.GuardianshipRepository.Guardianship;
import no.nb.bibliotekkortet.patron.repository.Patron;
import no.nb.bibliotekkortet.patron.repository.PatronRepository;
import no.nb.bibliotekkortet.patron.service.Requests.SelfChangeRequest;
import no.nb.bibliotekkortet.patron.service.Requests.UpdateRequest;
import org.jboss.logging.Logger;

/**
 * The patron's own record (R16) and a guardian's access to children's records (R22): reading, changes
 * confirmed by a consumed one-time code, and the in-person confirmation of a guardianship by staff.
 */
@ApplicationScoped
public class SelfService {

    private static final Logger LOG = Logger.getLogger(SelfService.class);
    /** auth-service's purpose for codes that confirm changes of personal data. */
    public static final String CHANGE_PURPOSE = "change-personal-data";

    /** The change feed, for guardianship changes (issue 16). */
    @jakarta.inject.Inject
    no.nb.bibliotekkortet.patron.repository.ChangeFeedWriter guardianFeed;

    private final PatronService patronService;
    private final PatronRepository patrons;
    private final GuardianshipRepository guardianships;
    private final IdentityNumbers identityNumbers;
    private final IdentityVault vault;
    private final AuthClient auth;
    private final Clock clock;

    public SelfService(PatronService patronService, PatronRepository patrons, GuardianshipRepository guardianships,
                       IdentityNumbers identityNumbers, IdentityVault vault, AuthClient auth, Clock clock) {
        this.patronService = patronService;
        this.patrons = patrons;
        this.guardianships = guardianships;
        this.identityNumbers = identityNumbers;
        this.vault = vault;
        this.auth = auth;
        this.clock = clock;
    }

    /**
     * The citizen's own record by their {@code pid}.
     *
     * @throws ProblemException 404 {@code not-registered} (register with {@code POST /api/v1/me})
     */
    @Transactional
    public PatronSnapshot own(String pid) {
        return patronService.byOwnIdentityNumber(pid).orElseThrow(SelfService::notRegistered);
    }

    /**
     * The patron's own record by the opaque patron id of an auth-service token ({@code sub}).
     *
     * @throws ProblemException 404 {@code not-registered} when unknown or not ACTIVE
     */
    @Transactional
    public PatronSnapshot ownById(String patronId) {
        UUID id;
        try {
            id = UUID.fromString(patronId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw notRegistered();
        }
        return patrons.findByIdOptional(id).filter(p -> p.state == Patron.State.ACTIVE).map(patronService::snapshot)
                .orElseThrow(SelfService::notRegistered);
    }

    /**
     * The children under 15 the guardian with this {@code pid} registered (R22), each with the last day of the
     * guardian's access; children who have reached 15 are no longer listed.
     */
    @Transactional
    public List<Views.ChildView> children(String guardianPid) {
        LocalDate today = today();
        return guardianships.ofGuardian(guardianHash(guardianPid)).stream()
                .flatMap(g -> patrons.findByIdOptional(g.childId()).filter(p -> p.state == Patron.State.ACTIVE)
                        .filter(p -> mayAccess(p, today)).map(p -> Views.ChildView.of(patronService.snapshot(p),
                                accessUntil(p), g)).stream())
                .toList();
    }

    /**
     * A child's record for the guardian (R22): allowed until the day before the child's 15th birthday
     * (Europe/Oslo date).
     *
     * @throws ProblemException 400 malformed card number; 404 unknown card; 403 {@code not-guardian} when the
     *                          caller declared no guardianship of this patron; 403 {@code guardian-access-ended}
     *                          from the 15th birthday
     */
    @Transactional
    public PatronSnapshot child(String guardianPid, String cardNumber) {
        PatronSnapshot child = patronService.byCardNumber(cardNumber);
        requireGuardianAccess(child.patron(), guardianHash(guardianPid));
        return child;
    }

    /** The guardianship through which the guardian sees the child (for the child view). */
    @Transactional
    public Views.ChildView childView(String guardianPid, String cardNumber) {
        PatronSnapshot child = child(guardianPid, cardNumber);
        Guardianship g = guardianships.find(child.patron().id, guardianHash(guardianPid)).orElseThrow();
        return Views.ChildView.of(child, accessUntil(child.patron()), g);
    }

    /**
     * A change of contact data, temporary address and language by the patron (changedBy {@code SELF}) or by a
     * guardian for a child ({@code GUARDIAN}), only with a one-time code that auth-service consumes for purpose
     * {@code change-personal-data} and the patron (R16). Fields are validated first; the code is consumed in the
     * same transaction as the write, so a refused code changes nothing.
     *
     * @throws ProblemException 403 {@code one-time-code-required} without otpId/code; 403
     *                          {@code one-time-code-refused} with auth-service's reason (wrong, expired, used,
     *                          other purpose); 400/422 for invalid fields (then the code is not consumed); 503
     *                          when auth-service fails
     */
    @Transactional
    public PatronSnapshot change(PatronSnapshot current, String changedBy, SelfChangeRequest r) {
        if (r == null) {
            throw ProblemException.badRequest(null, "a JSON body is required", "A JSON body is required");
        }
        if (r.otpId() == null || r.otpId().isBlank() || r.code() == null || r.code().isBlank()) {
            throw new ProblemException(Problem.of(403, "one-time-code-required", "One-time code required",
                    "Changing personal data needs a one-time code (otpId and code) for purpose " + CHANGE_PURPOSE,
                    "code", "R16"));
        }
        Patron p = patrons.findById(current.patron().id);
        PatronSnapshot managed = patronService.snapshot(p);
        PatronSnapshot changed = patronService.applyUpdate(managed, changedBy, new UpdateRequest(null,
                r.temporaryAddress(), null, r.phones(), r.email(), r.preferredChannel(), r.language()));
        Optional<String> refusal;
        try {
            refusal = auth.consumeOneTimeCode(r.otpId(), r.code(), CHANGE_PURPOSE, p.id);
        } catch (DownstreamException e) {
            throw new ProblemException(Problem.of(503, "downstream-unavailable", "A required service is unavailable",
                    "The one-time code could not be checked; nothing was changed, try again", null, null),
                    Map.of("Retry-After", "5"));
        }
        if (refusal.isPresent()) {
            LOG.infof("Change of patron %s refused: one-time code %s", p.id, refusal.get());
            throw new ProblemException(Problem.of(403, "one-time-code-refused", "One-time code refused",
                    "The one-time code was not accepted (" + refusal.get() + "); nothing was changed", "code",
                    refusal.get()));
        }
        return changed;
    }

    /**
     * Staff at an ACTIVE member library of the child confirm the guardian's relationship in person (R22).
     *
     * @return the child's guardianships afterwards
     * @throws ProblemException 403 {@code not-a-member-library}; 404 unknown card or no guardianship
     */
    @Transactional
    public List<Guardianship> confirmGuardianship(String cardNumber, String libraryNumber) {
        PatronSnapshot child = patronService.byCardNumber(cardNumber);
        if (!child.isMemberOf(libraryNumber)) {
            throw ProblemException.forbidden("not-a-member-library",
                    "Only staff at the child's member libraries may confirm a guardianship (R19)");
        }
        if (guardianships.ofChild(child.patron().id).isEmpty()) {
            throw ProblemException.notFound("guardianship-not-found", "No guardian has declared this patron as a child");
        }
        Instant now = Instant.now(clock);
        if (guardianships.confirm(child.patron().id, libraryNumber, now) > 0) {
            // Issue 16: a guardianship change is a change record for the child's libraries to sync.
            guardianFeed.updated(child.patron().id, child.libraryNumbers(), List.of("guardians"), libraryNumber, now);
        }
        return guardianships.ofChild(child.patron().id);
    }

    /**
     * The guardian's contact for a child under 15 (R22): what the guardian declared, else their own record's
     * e-mail and mobile; empty for anyone else.
     */
    @Transactional
    public Optional<Views.GuardianContact> guardianContact(Patron child) {
        if (!mayAccess(child, today())) {
            return Optional.empty();
        }
        for (Guardianship g : guardianships.ofChild(child.id)) {
            String email = g.guardianEmail();
            String phone = g.guardianPhone();
            if (email == null && phone == null && g.guardianPatronId() != null) {
                Optional<Patron> guardian = patrons.findByIdOptional(g.guardianPatronId());
                email = guardian.map(x -> x.email).orElse(null);
                phone = guardian.map(x -> x.phoneMobile).orElse(null);
            }
            if (email != null || phone != null) {
                return Optional.of(new Views.GuardianContact(email, phone));
            }
        }
        return Optional.empty();
    }

    private void requireGuardianAccess(Patron child, byte[] guardianHash) {
        if (guardianships.find(child.id, guardianHash).isEmpty()) {
            throw ProblemException.forbidden("not-guardian", "Only the guardian who registered the child may see the record");
        }
        if (!mayAccess(child, today())) {
            throw ProblemException.forbidden("guardian-access-ended",
                    "From the child's 15th birthday the record is the child's own; the guardian's access has ended (R22)");
        }
    }

    private static boolean mayAccess(Patron child, LocalDate today) {
        return today.isBefore(Ages.birthday(child.birthDate, SelfRegistrations.SELF_REGISTRATION_AGE));
    }

    private static LocalDate accessUntil(Patron child) {
        return Ages.birthday(child.birthDate, SelfRegistrations.SELF_REGISTRATION_AGE).minusDays(1);
    }

    private byte[] guardianHash(String pid) {
        return vault.hash(SelfRegistrations.caller(identityNumbers, pid).value());
    }

    private LocalDate today() {
        return Instant.now(clock).atZone(Ages.OSLO).toLocalDate();
    }

    private static ProblemException notRegistered() {
        return ProblemException.notFound("not-registered",
                "You are not registered in the register; register with POST /api/v1/me");
    }
}
