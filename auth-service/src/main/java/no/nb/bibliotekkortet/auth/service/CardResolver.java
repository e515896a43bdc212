package no.nb.bibliotekkortet.auth.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import no.nb.bibliotekkortet.auth.client.PatronClient;
import no.nb.bibliotekkortet.auth.client.ResolvedPatron;
import no.nb.bibliotekkortet.auth.config.AuthConfig;

/**
 * Card number → patron for verifications and age checks (issue 20): patron-service's resolve (R1, R15), reused for
 * {@code auth.verification.card-cache-ttl} (default 0: off, every call asks patron-service) by the service's clock, at most
 * {@code auth.verification.card-cache-size} card numbers. Only found cards are kept (an unknown card is asked again,
 * so a new card verifies at once). Staleness: patron-service sends no event when a card is retired (swap, lost card,
 * merge) or a patron's state changes, so those would reach verification one lifetime late: an unregistered patron
 * could still verify (system-tests' UnregistrationSliceTest refuses that), hence off by default; an erasure (deletion, merge) evicts the patron's cards at once ({@link #evictPatrons}).
 * The cached answers hold birth dates: in memory only, never logged.
 */
@ApplicationScoped
public class CardResolver {

    private record Entry(ResolvedPatron patron, Instant at) {
    }

    private final PatronClient patrons;
    private final Clock clock;
    private final Duration ttl;
    private final Cache<String, Entry> cache;

    public CardResolver(PatronClient patrons, Clock clock, AuthConfig config) {
        this.patrons = patrons;
        this.clock = clock;
        this.ttl = config.verification().cardCacheTtl();
        // Caffeine bounds the size and drops entries by the real time too; the lifetime itself is judged by the
        // service's clock (tests move it), so a clock set back never makes an entry look fresh.
        this.cache = Caffeine.newBuilder().maximumSize(Math.max(1, config.verification().cardCacheSize()))
                .expireAfterWrite(ttl.isZero() || ttl.isNegative() ? Duration.ofMillis(1) : ttl).build();
    }

    /**
     * The patron holding {@code cardNumber}, from the cache while its answer is younger than the lifetime.
     *
     * @return the patron (with {@code cardState}), or empty for an unknown card
     * @throws no.nb.bibliotekkortet.common.client.DownstreamException when patron-service must be asked and does not
     *         answer usefully
     */
    public Optional<ResolvedPatron> resolve(String cardNumber) {
        if (ttl.isZero() || ttl.isNegative()) {
            return patrons.resolve(cardNumber);
        }
        Instant now = clock.instant();
        Entry e = cache.getIfPresent(cardNumber);
        if (e != null && !now.isBefore(e.at()) && now.isBefore(e.at().plus(ttl))) {
            return Optional.of(e.patron());
        }
        Optional<ResolvedPatron> answer = patrons.resolve(cardNumber);
        if (answer.isPresent()) {
            cache.put(cardNumber, new Entry(answer.get(), now));
        } else {
            cache.invalidate(cardNumber);
        }
        return answer;
    }

    /** Forgets every card of these patrons (their erasure: deleted, or merged into another account). */
    public void evictPatrons(Collection<String> patronIds) {
        Set<String> ids = Set.copyOf(patronIds);
        cache.asMap().values().removeIf(e -> ids.contains(e.patron().patronId()));
    }
}
