package no.nb.bibliotekkortet.patron.lifecycle.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.patron.lifecycle.ErasureCheckService;
import no.nb.bibliotekkortet.patron.lifecycle.UnregistrationService;

/** Admin lifecycle operations (scope {@code bibliotekkortet:admin}); library staff get 403 (R20). */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.BACK_OFFICE)
public class AdminLifecycleResource {

    /** {@code {cardNumber, reason}}. */
    public record AdminUnregistration(String cardNumber, String reason) {
    }

    @Inject
    Caller caller;

    @Inject
    UnregistrationService unregistration;

    @Inject
    ErasureCheckService checks;

    /**
     * {@code POST /api/v1/admin/unregistrations} {cardNumber, reason}: deletes the patron with the reason recorded (R20).
     *
     * @return 200 {patronId, retiredCardNumbers, libraries [{libraryNumber, name}], message}; 400 reason/cardNumber;
     *         404 unknown card number
     */
    @POST
    @Path("unregistrations")
    public UnregistrationService.Unregistered unregister(AdminUnregistration body) {
        if (body == null) {
            throw ProblemException.badRequest(null, "a JSON object", "A JSON body is required");
        }
        return unregistration.byAdmin(body.cardNumber(), body.reason(), caller.requireClient().clientId());
    }

    /**
     * {@code POST /api/v1/admin/erasure-checks} [{identityNumber, patronId?, givenNames?, surname?, email?, phone?}]
     * (1..100): asks every service's erasure-verify whether anything about these people is still held.
     *
     * @return 200 {subjects, held: {service: n}, total, clean}; 400 malformed input (field {@code [i].x});
     *         503 when a service did not answer
     */
    @POST
    @Path("erasure-checks")
    public ErasureCheckService.Report check(List<ErasureCheckService.Subject> subjects) {
        return checks.check(subjects);
    }
}
