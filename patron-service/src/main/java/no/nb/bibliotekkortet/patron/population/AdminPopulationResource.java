package no.nb.bibliotekkortet.patron.population;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.common.security.Roles;

/**
 * {@code /api/v1/admin/population-register/feed} (R5, R6): NB's operators see how far the population register's
 * event feed has been followed and re-read it from a sequence number. Scope {@code admin}, client kind ADMIN.
 */
@Path("/api/v1/admin/population-register/feed")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminPopulationResource {

    /**
     * The feed's state: {@code nextSequence} (first event not processed), {@code lastEventAt} (register time of the
     * last processed event), {@code lastProcessedAt}, {@code lastPollAt} (last successful read), {@code
     * registerLatest} and {@code lag} (events behind; null when unknown), {@code mergeCandidates} [{patronId,
     * otherPatronId, detectedAt}] (one person, two patrons: merge with {@code POST /api/v1/admin/patrons/{a}/merge}).
     */
    public record FeedState(long nextSequence, Instant lastEventAt, Instant lastProcessedAt, Instant lastPollAt,
                            Long registerLatest, Long lag, List<Map<String, Object>> mergeCandidates) {
        static FeedState of(FeedFollower.Cursor c, List<Map<String, Object>> candidates) {
            return new FeedState(c.nextSequence(), c.lastEventAt(), c.lastProcessedAt(), c.lastPollAt(), c.registerLatest(),
                    c.lag(), candidates);
        }
    }

    /** {@code {"nextSequence": n}}: re-read the feed from event n (≥ 1) at the next poll. */
    public record Rewind(Long nextSequence) {
    }

    @Inject
    FeedFollower follower;

    @Inject
    Caller caller;

    private static final String ADMIN_ONLY = "Only NB's back office may manage the population register feed";

    /** @return 200 the feed's state; 401; 403 not an ADMIN client */
    @GET
    @RolesAllowed(Roles.BACK_OFFICE)
    public FeedState state() {
        caller.requireAdmin(ADMIN_ONLY);
        return FeedState.of(follower.cursor(), follower.mergeCandidates());
    }

    /**
     * Moves the cursor so that the next poll reads from {@code nextSequence} (replaying events is harmless: each
     * applies the register's current state).
     *
     * @return 200 the feed's state; 400 {@code nextSequence} missing or &lt; 1; 401; 403
     */
    @PUT
    @RolesAllowed(Roles.BACK_OFFICE)
    public FeedState rewind(Rewind body) {
        caller.requireAdmin(ADMIN_ONLY);
        if (body == null || body.nextSequence() == null || body.nextSequence() < 1) {
            throw ProblemException.badRequest("nextSequence", "a sequence number >= 1", "Give the sequence number to read from");
        }
        return FeedState.of(follower.rewind(body.nextSequence()), follower.mergeCandidates());
    }
}
