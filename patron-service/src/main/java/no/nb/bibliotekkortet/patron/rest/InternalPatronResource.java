package no.nb.bibliotekkortet.patron.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.patron.service.Requests.InternalActivity;
import no.nb.bibliotekkortet.patron.service.Requests.MembershipChange;
import no.nb.bibliotekkortet.patron.service.Requests.ResolveRequest;
import no.nb.bibliotekkortet.patron.service.ActivityService;
import no.nb.bibliotekkortet.patron.service.MembershipCopyService;
import no.nb.bibliotekkortet.patron.service.PatronService;
import no.nb.bibliotekkortet.patron.service.Views;

/** patron-service's internal contracts (ARCHITECTURE.md): scope {@code bibliotekkortet:internal}, internal audience. */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE_INTERNAL)
public class InternalPatronResource {

    @Inject
    PatronService patrons;

    @Inject
    ActivityService activity;

    @Inject
    no.nb.bibliotekkortet.patron.service.SelfService self;

    @Inject
    MembershipCopyService memberships;

    /**
     * {@code POST /internal/v1/patrons/resolve} {cardNumber | identityNumber} → patron id, state, birth date,
     * birth-date source, active card numbers; by card number also {@code cardState} ({@code ACTIVE} or
     * {@code RETIRED}) and {@code cardActive} (R1: a retired number resolves but never verifies a PIN).
     *
     * @return 200; 400 when not exactly one is given or malformed; 404 unknown
     */
    @POST
    @Path("patrons/resolve")
    public Views.Resolved resolve(ResolveRequest request) {
        if (request == null || (request.cardNumber() == null) == (request.identityNumber() == null)) {
            throw ProblemException.badRequest("cardNumber", "exactly one of cardNumber, identityNumber",
                    "Give either a card number or an identity number");
        }
        return request.cardNumber() != null
                ? Views.Resolved.of(patrons.lookUpByCardNumber(request.cardNumber()), request.cardNumber())
                : Views.Resolved.of(patrons.lookUpByIdentityNumber(request.identityNumber()));
    }

    /**
     * {@code GET /internal/v1/patrons/{id}/contact} → e-mail, mobile phone, preferred channel, language,
     * {@code addressProtected} (never an address).
     *
     * @return 200; 404 unknown id or a patron who is not ACTIVE (deceased: no notices, R6)
     */
    @GET
    @Path("patrons/{id}/contact")
    public Views.Contact contact(@PathParam("id") UUID id) {
        var s = patrons.byId(id);
        if (s.patron().state != no.nb.bibliotekkortet.patron.repository.Patron.State.ACTIVE) {
            // Issue 21: no notices to the deceased (notification-service drops a notice whose patron is gone).
            throw ProblemException.notFound("patron-not-found", "No active patron with this id");
        }
        return Views.Contact.of(s, self.guardianContact(s.patron()).orElse(null));
    }

    /**
     * {@code POST /internal/v1/activity} [{cardNumber | patronId, kind, at}] (R21), all or nothing; with
     * {@code ?unknown=skip} (auth-service's batches, issue 20) reports of a card or patron no ACTIVE patron holds are
     * skipped instead.
     *
     * @return 204; 400 malformed (field {@code [i].x}) or another {@code unknown}; 404 unknown card or patron (not with
     *         {@code unknown=skip})
     */
    @POST
    @Path("activity")
    public void activity(@jakarta.ws.rs.QueryParam("unknown") String unknown, List<InternalActivity> reports) {
        if (reports == null || reports.isEmpty()) {
            throw ProblemException.badRequest(null, "a non-empty JSON array", "A non-empty JSON array is required");
        }
        if (unknown != null && !"skip".equals(unknown)) {
            throw ProblemException.badRequest("unknown", "skip", "unknown may only be skip");
        }
        activity.record(reports, true, unknown != null);
    }

    /**
     * {@code POST /internal/v1/membership-changes} [{patronId, libraryNumber, state, home, version}]: the outbox
     * of membership-service keeps the copy current; idempotent, older versions ignored.
     *
     * @return 200 {"applied": n}
     */
    @POST
    @Path("membership-changes")
    public java.util.Map<String, Integer> membershipChanges(List<MembershipChange> changes) {
        if (changes == null) {
            throw ProblemException.badRequest(null, "a JSON array", "A JSON array is required");
        }
        return java.util.Map.of("applied", memberships.apply(changes));
    }
}
