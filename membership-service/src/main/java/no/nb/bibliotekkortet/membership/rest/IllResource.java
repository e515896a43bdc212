package no.nb.bibliotekkortet.membership.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.ClientKind;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.membership.service.IllPolicy;
import no.nb.bibliotekkortet.membership.service.IllService;

/** Inter-library loan authorisation for Biblioteksøk (scope {@code ill}) and NB's agreement report (R23). */
@Path("/api/v1/ill")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IllResource {

    @Inject
    IllService ill;

    @Inject
    Caller caller;

    /**
     * Authorises one ILL order before Biblioteksøk places it. 200 {allowed: true, notice: null |
     * REMINDER_1 | REMINDER_2 | FINAL_WARNING, escalation}; 403 {@code ill-blocked} once a library without
     * a signed agreement has had its final warning (staff orders only; patron orders are never refused).
     */
    @POST
    @Path("/authorisations")
    @RolesAllowed(Roles.ILL_AUTHORISATION)
    public Views.IllAnswer authorise(@NotNull @Valid Requests.IllOrder body) {
        caller.requireKind(ClientKind.ILL_SERVICE, "ill-service-only", "Only the ILL service (Biblioteksøk) may authorise ILL orders");
        IllPolicy.Decision d = ill.authorise(body.libraryNumber(), body.orderedBy());
        if (!d.allowed()) {
            throw new ProblemException(Problem.of(403, "ill-blocked", "Inter-library loans are closed for this library",
                    "Library " + body.libraryNumber() + " has not signed the data processing agreement after reminders and a final "
                            + "warning; staff ILL orders are refused until NB records the signed agreement", null, null));
        }
        return new Views.IllAnswer(true, d.stepped() ? d.step().name() : null, d.step());
    }

    /** NB's report: libraries without a signed agreement and where each stands in the escalation. */
    @GET
    @Path("/agreement-report")
    @RolesAllowed(Roles.BACK_OFFICE)
    public Views.AgreementReport report() {
        caller.requireAdmin();
        return new Views.AgreementReport(ill.deadline(), ill.report().stream()
                .map(l -> new Views.ReportLine(l.libraryNumber(), l.name(), l.escalation(), l.contactEmail())).toList());
    }

}
