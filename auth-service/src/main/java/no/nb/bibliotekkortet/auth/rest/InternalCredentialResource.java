package no.nb.bibliotekkortet.auth.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.nb.bibliotekkortet.auth.service.CredentialService;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Roles;

/** auth-service's internal contracts (ARCHITECTURE.md): credentials at registration, erasure. */
@Path("/internal/v1")
@RolesAllowed(Roles.SERVICE_INTERNAL)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InternalCredentialResource {

    private static final int MAX_BATCH = 1000;

    private final CredentialService credentials;

    public InternalCredentialResource(CredentialService credentials) {
        this.credentials = credentials;
    }

    /**
     * Sets the initial PIN and optional password of a patron (registration; idempotent: same body, same state).
     * 204; 400 malformed PIN/patron id; 422 trivial PIN, short or common password; 503 hashing busy.
     */
    @PUT
    @Path("/patrons/{id}/credentials")
    public void put(@PathParam("id") String patronId, Dtos.CredentialsRequest body) {
        Inputs.patronId(patronId, "id");
        Dtos.CredentialsRequest b = Inputs.body(body);
        credentials.set(patronId, b.pin(), b.password());
    }

    /** Erases everything about these patron ids (batch of at most 1000, idempotent). 204. */
    @POST
    @Path("/erasures")
    public void erase(List<String> patronIds) {
        credentials.erase(ids(patronIds));
    }

    /** Counts what auth-service still holds about these patrons: {@code {"held": n}} (0 after erasure). */
    @POST
    @Path("/erasures/verify")
    public Dtos.ErasureCount verify(List<Dtos.ErasureSubject> subjects) {
        List<String> ids = ids(Inputs.body(subjects).stream().map(s -> s == null ? null : s.patronId()).toList());
        return new Dtos.ErasureCount(credentials.held(ids));
    }

    private static List<String> ids(List<String> patronIds) {
        Inputs.body(patronIds);
        if (patronIds.size() > MAX_BATCH) {
            throw ProblemException.badRequest("body", "at most 1000 patron ids", "Too many patron ids in one batch");
        }
        patronIds.forEach(id -> Inputs.patronId(id, "patronId"));
        return patronIds;
    }
}
