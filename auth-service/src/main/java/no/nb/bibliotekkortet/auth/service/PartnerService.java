package no.nb.bibliotekkortet.auth.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import no.nb.bibliotekkortet.auth.client.MembershipClient;
import no.nb.bibliotekkortet.auth.client.LibraryEntry;
import no.nb.bibliotekkortet.auth.client.Membership;
import no.nb.bibliotekkortet.auth.client.ResolvedPatron;
import no.nb.bibliotekkortet.auth.domain.Partner;
import no.nb.bibliotekkortet.auth.domain.SecretKind;
import no.nb.bibliotekkortet.auth.repository.CredentialRepository;
import no.nb.bibliotekkortet.auth.repository.PairwiseRepository;
import no.nb.bibliotekkortet.auth.repository.PartnerRepository;
import no.nb.bibliotekkortet.common.problem.ProblemException;

/**
 * The partner registry and verification for partners (R18, R11): a valid card + secret at the patron's
 * chosen level, and — for partners that require it — an ACTIVE membership at a library that pays for the
 * partner. A valid answer carries only the achieved level and the pairwise subject.
 */
@ApplicationScoped
public class PartnerService {

    private final PartnerRepository partners;
    private final PairwiseRepository pairwise;
    private final PairwiseSubjects subjects;
    private final CredentialRepository credentials;
    private final MembershipClient memberships;
    private final VerificationService verifications;
    private final Clock clock;

    public PartnerService(PartnerRepository partners, PairwiseRepository pairwise, PairwiseSubjects subjects,
                          CredentialRepository credentials, MembershipClient memberships, VerificationService verifications,
                          Clock clock) {
        this.partners = partners;
        this.pairwise = pairwise;
        this.subjects = subjects;
        this.credentials = credentials;
        this.memberships = memberships;
        this.verifications = verifications;
        this.clock = clock;
    }

    /**
     * Registers a new partner.
     *
     * @throws ProblemException 409 when the partner id is taken
     */
    public void create(Partner partner) {
        try {
            QuarkusTransaction.requiringNew().run(() -> partners.insert(partner, clock.instant()));
        } catch (RuntimeException e) {
            if (find(partner.partnerId()).isPresent()) {
                throw ProblemException.conflict("partner-exists", "Partner already registered",
                        "A partner with this id is already registered");
            }
            throw e;
        }
    }

    /** Creates or replaces a partner; returns true when it was new. */
    public boolean put(Partner partner) {
        return QuarkusTransaction.requiringNew().call(() -> partners.upsert(partner, clock.instant()));
    }

    /** The partner, if registered. */
    public Optional<Partner> find(String partnerId) {
        return QuarkusTransaction.requiringNew().call(() -> partners.find(partnerId));
    }

    /** All partners by id. */
    public List<Partner> list() {
        return QuarkusTransaction.requiringNew().call(partners::list);
    }

    /**
     * The registered partner a calling partner client stands for.
     *
     * @param partnerId the client registry's partner id of the caller (may be null)
     * @throws ProblemException 403 when the client has no partner id or the partner is not registered
     */
    public Partner requireRegistered(String partnerId) {
        if (partnerId == null) {
            throw ProblemException.forbidden("not-a-partner", "The client is not a partner");
        }
        return find(partnerId).orElseThrow(() -> ProblemException.forbidden("partner-not-registered",
                "The partner is not registered in the partner registry"));
    }

    /**
     * Verifies card + secret for a partner (R18): level, entitlement, pairwise subject, activity FILM/EBOOK/LOGIN.
     *
     * @param clientId the partner's client id (spray limit)
     * @return valid with level and subject, or a reason INVALID/LOCKED/LEVEL_TOO_LOW/NOT_ENTITLED
     */
    public Verification verify(Partner partner, String clientId, String cardNumber, String pin, String password) {
        VerificationService.Checks checks = new VerificationService.Checks() {
            @Override
            public Optional<Refusal> afterMatch(ResolvedPatron patron, SecretKind kind) {
                return afterMatch(patron, kind, chosenLevel(patron.patronId()));
            }

            @Override
            public Optional<Refusal> afterMatch(ResolvedPatron patron, SecretKind kind, SecurityLevel chosen) {
                Optional<SecurityLevel> shortfall = LevelPolicy.shortfall(LevelPolicy.achieved(kind), chosen);
                if (shortfall.isPresent()) {
                    return Optional.of(new Refusal(Reason.LEVEL_TOO_LOW, shortfall.get()));
                }
                if (partner.requiresPayingLibrary() && !entitled(patron.patronId(), partner.partnerId())) {
                    return Optional.of(Refusal.of(Reason.NOT_ENTITLED));
                }
                return Optional.empty();
            }

            @Override
            public void onSuccess(ResolvedPatron patron, String card, java.time.Instant now) {
                pairwise.record(partner.partnerId(), subjects.subject(partner.partnerId(), patron.patronId()),
                        patron.patronId(), card, now);
            }
        };
        Verification v = verifications.verify(new VerificationService.Attempt(AuthMetrics.Caller.PARTNER, clientId, cardNumber, pin, password),
                checks, partner.kind().activityKind());
        if (!v.valid()) {
            return v;
        }
        return new Verification(null, v.patron(), v.achieved(), null,
                subjects.subject(partner.partnerId(), v.patron().patronId()));
    }

    /** The patron's chosen level (default low, R17). */
    public SecurityLevel chosenLevel(String patronId) {
        return QuarkusTransaction.requiringNew().call(() -> credentials.securityLevel(patronId))
                .flatMap(SecurityLevel::ofCode).orElse(SecurityLevel.LOW);
    }

    /** R11: an ACTIVE membership at a library whose entry lists {@code partnerId} among its paid partner services. */
    public boolean entitled(String patronId, String partnerId) {
        for (Membership m : memberships.memberships(patronId)) {
            if (m.active() && memberships.library(m.libraryNumber()).map(LibraryEntry::paidPartnerServices)
                    .orElse(List.of()).contains(partnerId)) {
                return true;
            }
        }
        return false;
    }
}
