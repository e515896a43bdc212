package no.nb.bibliotekkortet.common.outbox;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import no.nb.bibliotekkortet.common.outbox.repository.OutboxRepository;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Roles;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * NB's back office sees and replays a service's outbox dead letters ({@link Roles#BACK_OFFICE}: client kind ADMIN, scope
 * {@code admin}):
 * {@code /api/v1/admin/outbox/<service>/dead-letters}, where {@code <service>} is this service's name (the gateway
 * routes each service's prefix to it; another name answers 404).
 */
@Path("/api/v1/admin/outbox/{service}/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.BACK_OFFICE)
public class OutboxAdminResource {

    private final OutboxDeadLetters deadLetters;
    private final String application;

    public OutboxAdminResource(OutboxDeadLetters deadLetters,
                               @ConfigProperty(name = "quarkus.application.name") String application) {
        this.deadLetters = deadLetters;
        this.application = application;
    }

    /**
     * The dead letters, newest first: [{id, destination, path, createdAt, deadAt, attempts, status, answer}].
     *
     * @param limit 1..1000 (default 100); 400 (field {@code limit}) otherwise
     */
    @GET
    public List<OutboxRepository.DeadLetter> list(@PathParam("service") String service,
                                                   @QueryParam("limit") @DefaultValue("100") String limit) {
        requireThisService(service);
        int n;
        try {
            n = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > 1000) {
            throw ProblemException.badRequest("limit", "1..1000", "limit must be a whole number from 1 to 1000");
        }
        return deadLetters.list(n);
    }

    /** Puts dead letter {@code id} back into the outbox: 202; 404 unknown id. */
    @POST
    @Path("/{id}/replay")
    public Response replay(@PathParam("service") String service, @PathParam("id") String id) {
        requireThisService(service);
        long rowId;
        try {
            rowId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("dead-letter-not-found", "No dead letter with this id");
        }
        deadLetters.replay(rowId);
        return Response.accepted().build();
    }

    private void requireThisService(String service) {
        if (!application.equals(service)) {
            throw ProblemException.notFound("service-not-found", "This is " + application + ": each service answers for its own outbox");
        }
    }
}
