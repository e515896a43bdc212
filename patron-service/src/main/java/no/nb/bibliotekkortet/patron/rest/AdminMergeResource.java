package no.nb.bibliotekkortet.patron.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.patron.service.AccountLinkService;
import no.nb.bibliotekkortet.patron.service.Views;

/** {@code POST /api/v1/admin/patrons/{patronId}/merge} (R13): NB's back office merges duplicate accounts. */
@Path("/api/v1/admin/patrons/{patronId}/merge")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminMergeResource {

    /** {@code {from}}: the patron id of the account merged away. */
    public record MergeRequest(String from) {
    }

    @Inject
    AccountLinkService links;

    @Inject
    Caller caller;

    /**
     * Merges account {@code from} into {@code patronId}; scope {@code admin}, client kind ADMIN.
     *
     * @return 200 the full record of the remaining account; 400 {@code from} missing/malformed/equal; 403; 404; 503
     */
    @POST
    @RolesAllowed(Roles.BACK_OFFICE)
    public Views.FullView merge(@PathParam("patronId") String patronId, MergeRequest body) {
        caller.requireAdmin("Only NB's back office may merge accounts");
        UUID a = uuid(patronId, "patronId");
        UUID b = uuid(body == null ? null : body.from(), "from");
        return Views.FullView.of(links.mergeAccounts(a, b));
    }

    private static UUID uuid(String value, String field) {
        try {
            if (value == null || value.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "a patron id (UUID)", "Not a patron id");
        }
    }
}
