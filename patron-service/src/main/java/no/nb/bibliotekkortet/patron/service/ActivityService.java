package no.nb.bibliotekkortet.patron.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.patron.repository.Patron;
import no.nb.bibliotekkortet.patron.repository.PatronRepository;
import no.nb.bibliotekkortet.patron.service.Requests.InternalActivity;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Activity that keeps a patron in the register (R21): the last activity time only moves forward. */
@ApplicationScoped
public class ActivityService {

    private final PatronRepository patrons;
    private final Clock clock;
    private final Duration maxFutureSkew;

    public ActivityService(PatronRepository patrons, Clock clock,
                           @ConfigProperty(name = "register.activity.max-future-skew") Duration maxFutureSkew) {
        this.patrons = patrons;
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
    }

    /**
     * Records a batch of activity reports, all or nothing.
     *
     * @param reports each with a card number or a patron id, a kind and a time (UTC instant)
     * @param indexed true for a batch: error fields are named {@code [i].field}
     * @throws ProblemException 400 for missing/malformed fields; 422 for a time too far in the future; 404 when a
     *                          card number or patron id is unknown
     */
    @Transactional
    public void record(List<InternalActivity> reports, boolean indexed) {
        Instant latest = Instant.now(clock).plus(maxFutureSkew);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            InternalActivity r = reports.get(i);
            String prefix = indexed ? "[" + i + "]." : "";
            if (r == null) {
                throw ProblemException.badRequest(indexed ? "[" + i + "]" : null, "an object", "An activity report is an object");
            }
            if (r.kind() == null) {
                throw ProblemException.badRequest(prefix + "kind", "required", "The kind of activity is required");
            }
            if (r.at() == null) {
                throw ProblemException.badRequest(prefix + "at", "required", "The time of the activity is required");
            }
            if (r.at().isAfter(latest)) {
                throw ProblemException.unprocessable("activity-in-future", "Activity time in the future",
                        "The activity time lies in the future", prefix + "at", "not in the future");
            }
            if ((r.cardNumber() == null) == (r.patronId() == null)) {
                throw ProblemException.badRequest(prefix + "cardNumber", "exactly one of cardNumber, patronId",
                        "Give either a card number or a patron id");
            }
            UUID id;
            if (r.cardNumber() != null) {
                PatronService.requireCardNumber(r.cardNumber(), prefix + "cardNumber");
                id = patrons.findByCardNumber(r.cardNumber()).filter(p -> p.state == Patron.State.ACTIVE)
                        .map(p -> p.id).orElseThrow(() -> ProblemException.notFound("card-not-found",
                                "No patron holds the card number in " + (prefix.isEmpty() ? "cardNumber" : prefix + "cardNumber")));
            } else {
                id = patrons.findByIdOptional(r.patronId()).filter(p -> p.state == Patron.State.ACTIVE)
                        .map(p -> p.id).orElseThrow(() -> ProblemException.notFound("patron-not-found",
                                "No patron with the id in " + prefix + "patronId"));
            }
            ids.add(id);
        }
        for (int i = 0; i < ids.size(); i++) {
            patrons.recordActivity(ids.get(i), reports.get(i).at());
        }
    }
}
