package no.nb.bibliotekkortet.patron.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Optional;
import no.nb.bibliotekkortet.common.client.DownstreamException;

/**
 * The erasure-verify contract every other service offers (ARCHITECTURE.md, R20, R21):
 * {@code POST /internal/v1/erasures/verify [{patronId, identityHash, email, phone}]} → how much it still holds
 * about these people ({@code {"held": n}}; membership-service answers {@code {"memberships": n}}). Its request
 * and answer shapes, shared by {@link MembershipClient}, {@link AuthClient} and {@link NotificationClient}.
 */
public final class ErasureVerification {

    private ErasureVerification() {
    }

    /** One person to look for; any field may be null. {@code identityHash} is the base64 keyed hash (never the number). */
    public record Item(String patronId, String identityHash, String email, String phone) {
    }

    /** The answer: rows/items held ({@code held}, or membership-service's {@code memberships}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Held(Long held, Long memberships) {
    }

    /**
     * The count of an answer.
     *
     * @throws DownstreamException when there was no answer (404) or it carries no count
     */
    static long count(String service, Optional<Held> answer) {
        Held h = answer.orElseThrow(() -> new DownstreamException(service, 404, null));
        Long n = h.held() != null ? h.held() : h.memberships();
        if (n == null || n < 0) {
            throw new DownstreamException(service, 200, null);
        }
        return n;
    }
}
