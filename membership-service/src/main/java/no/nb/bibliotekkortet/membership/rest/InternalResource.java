package no.nb.bibliotekkortet.membership.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.ClientEntry;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.membership.service.ClientRegistryAdmin;
import no.nb.bibliotekkortet.membership.service.LibraryDirectory;
import no.nb.bibliotekkortet.membership.service.MembershipService;

/** membership-service's internal contracts (ARCHITECTURE.md): scope {@code internal}, internal audience. */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE_INTERNAL)
public class InternalResource {

    private static final String PATRON_ID = "[A-Za-z0-9._-]{1,64}";

    @Inject
    MembershipService memberships;

    @Inject
    LibraryDirectory directory;

    @Inject
    ClientRegistryAdmin clients;

    /** A patron's memberships: libraries, states, home (empty list for an unknown patron). */
    @GET
    @Path("/patrons/{patronId}/memberships")
    public List<Views.MembershipView> ofPatron(@PathParam("patronId") String patronId) {
        return Views.MembershipView.of(memberships.ofPatron(patronId(patronId, "patronId")));
    }

    /** The membership of a registration: 201 new, 200 the same again, 409 another state, 404 unknown library. */
    @POST
    @Path("/memberships")
    public Response createAtRegistration(@NotNull @Valid Requests.RegistrationMembership body) {
        MembershipService.Outcome o = memberships.createAtRegistration(patronId(body.patronId(), "patronId"),
                body.libraryNumber(), body.mode());
        return Response.status(o.created() ? 201 : 200).entity(Views.MembershipView.of(o.listed())).build();
    }

    /** Moves b's memberships to a (a's home library wins); 200 with a's memberships. Idempotent. */
    @POST
    @Path("/patrons/{a}/merge-from/{b}")
    public List<Views.MembershipView> merge(@PathParam("a") String a, @PathParam("b") String b) {
        return Views.MembershipView.of(memberships.merge(patronId(a, "a"), patronId(b, "b")));
    }

    /** A client registry entry (active or not); 404 unknown. Read by the other services' RemoteClientRegistry. */
    @GET
    @Path("/clients/{clientId}")
    public ClientEntry client(@PathParam("clientId") String clientId) {
        return clients.get(clientId);
    }

    /** A directory entry incl. supported levels, paid partner services, unstaffed minimum age; 400; 404. */
    @GET
    @Path("/libraries/{libraryNumber}")
    public Views.LibraryView library(@PathParam("libraryNumber") String libraryNumber) {
        return Views.LibraryView.of(directory.entry(directory.get(libraryNumber, "libraryNumber")));
    }

    /** Erases every membership of these patrons (batch of patron ids, idempotent). */
    @POST
    @Path("/erasures")
    public Views.Erased erase(@NotNull List<String> patronIds) {
        Requests.requireBatch(patronIds);
        patronIds.forEach(p -> patronId(p, "patronIds"));
        return new Views.Erased(memberships.erase(patronIds));
    }

    /** Counts what is still held about these patrons (0 after erasure). */
    @POST
    @Path("/erasures/verify")
    public Views.Held verify(@NotNull List<Requests.@Valid VerifyItem> items) {
        Requests.requireBatch(items);
        return new Views.Held(memberships.held(items.stream().map(Requests.VerifyItem::patronId).toList()));
    }

    private static String patronId(String value, String field) {
        if (value == null || !value.matches(PATRON_ID)) {
            throw ProblemException.badRequest(field, PATRON_ID, "A patron id is 1-64 letters, digits, '.', '_' or '-'");
        }
        return value;
    }
}
