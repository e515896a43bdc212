package no.nb.bibliotekkortet.auth.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import no.nb.bibliotekkortet.auth.client.ResolvedPatron;
import no.nb.bibliotekkortet.auth.config.AuthConfig;
import no.nb.bibliotekkortet.auth.domain.Partner;
import no.nb.bibliotekkortet.auth.repository.PairwiseRepository;
import no.nb.bibliotekkortet.auth.repository.RateLimitRepository;
import no.nb.bibliotekkortet.common.problem.ProblemException;

/**
 * Age checks for partners (R18): "has the patron reached N?" on today's Europe/Oslo date, only for N
 * registered for the partner, at most {@code auth.age-check.max-per-day} per patron, partner and day, and
 * never from a declared birth date. The patron is identified by card + secret (a full partner
 * verification) or by a pairwise subject from that partner's verification within
 * {@code auth.pairwise.age-check-validity}.
 */
@ApplicationScoped
public class AgeCheckService {

    /** The answer: {@code reached} when the check could be made, else a reason. */
    public record Answer(Boolean reached, Reason reason) {
    }

    /** The birth-date source that cannot answer an age check. */
    public static final String DECLARED = "DECLARED";

    private final PartnerService partners;
    private final PairwiseRepository pairwise;
    private final RateLimitRepository rateLimits;
    private final CardResolver cards;
    private final Clock clock;
    private final AuthConfig config;
    private final AuthMetrics metrics;

    public AgeCheckService(PartnerService partners, PairwiseRepository pairwise, RateLimitRepository rateLimits,
                           CardResolver cards, Clock clock, AuthConfig config,
                           AuthMetrics metrics) {
        this.metrics = metrics;
        this.partners = partners;
        this.pairwise = pairwise;
        this.rateLimits = rateLimits;
        this.cards = cards;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Answers an age check.
     *
     * @param partner    the calling partner (registered)
     * @param clientId   its client id (spray limit)
     * @param cardNumber card number, or null when {@code subject} is given
     * @param pin        PIN (or null)
     * @param password   password (or null)
     * @param subject    pairwise subject from a recent verification (or null)
     * @param age        the threshold N in whole years
     * @return reached true/false, or a reason (INVALID, LOCKED, LEVEL_TOO_LOW, NOT_ENTITLED, UNVERIFIED_BIRTH_DATE)
     * @throws ProblemException 422 (field {@code age}) for a threshold not registered for the partner; 429 when
     *         the daily limit for this patron and partner is used up
     */
    public Answer check(Partner partner, String clientId, String cardNumber, String pin, String password,
                        String subject, int age) {
        Answer answer;
        try {
            answer = answer(partner, clientId, cardNumber, pin, password, subject, age);
        } catch (ProblemException e) {
            metrics.ageCheckRefused(e);
            throw e;
        }
        metrics.ageCheck(answer);
        return answer;
    }

    private Answer answer(Partner partner, String clientId, String cardNumber, String pin, String password,
                          String subject, int age) {
        if (!partner.ageThresholds().contains(age)) {
            throw ProblemException.unprocessable("age-threshold-not-registered", "Age threshold not registered",
                    "This partner may ask only the age thresholds registered for it", "age",
                    "one of the partner's registered thresholds");
        }
        ResolvedPatron patron;
        if (subject != null) {
            // One query (subject and lock), the card from CardResolver (usually still there from the verification
            // that handed out the subject), then the one write of the daily budget.
            Instant now = clock.instant();
            Instant notBefore = now.minus(config.pairwise().ageCheckValidity());
            Optional<PairwiseRepository.VerifiedNow> recent = QuarkusTransaction.requiringNew()
                    .call(() -> pairwise.findSinceWithLock(partner.partnerId(), subject, notBefore));
            if (recent.isEmpty()) {
                return new Answer(null, Reason.INVALID);
            }
            if (recent.get().lock().lockedAt(now)) {
                return new Answer(null, Reason.LOCKED);
            }
            PairwiseRepository.Verified verified = recent.get().verified();
            patron = cards.resolve(verified.cardNumber())
                    .filter(p -> verified.patronId().equals(p.patronId())).orElse(null);
            if (patron == null) {
                return new Answer(null, Reason.INVALID);
            }
        } else {
            Verification v = partners.verify(partner, clientId, cardNumber, pin, password);
            if (!v.valid()) {
                return new Answer(null, v.reason());
            }
            patron = v.patron();
        }
        requireDailyBudget(patron.patronId(), partner.partnerId());
        if (patron.birthDate() == null || DECLARED.equals(patron.birthDateSource())) {
            return new Answer(null, Reason.UNVERIFIED_BIRTH_DATE);
        }
        return new Answer(AgeRule.hasReached(patron.birthDate(), age, AgeRule.today(clock)), null);
    }

    private void requireDailyBudget(String patronId, String partnerId) {
        LocalDate today = AgeRule.today(clock);
        int count = QuarkusTransaction.requiringNew().call(() -> rateLimits.addAgeCheck(patronId, partnerId, today));
        if (count > config.ageCheck().maxPerDay()) {
            Instant midnight = today.plusDays(1).atStartOfDay(AgeRule.OSLO).toInstant();
            throw Problems.tooMany("age-check-limit", "Too many age checks for this patron today",
                    Duration.between(clock.instant(), midnight).toSeconds());
        }
    }
}
