package no.nb.bibliotekkortet.auth.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import no.nb.bibliotekkortet.auth.domain.Partner;
import no.nb.bibliotekkortet.auth.service.PartnerService;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Roles;

/** NB's back office registers partners (R18, R11); scope admin. */
@Path("/api/v1/partners")
@RolesAllowed(Roles.BACK_OFFICE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PartnerResource {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");

    private final PartnerService partners;

    public PartnerResource(PartnerService partners) {
        this.partners = partners;
    }

    /** Registers a partner: 201 with Location; 400 invalid; 409 id taken. */
    @POST
    public Response create(Dtos.PartnerBody body) {
        Partner p = partner(Inputs.body(body), null);
        partners.create(p);
        return Response.created(URI.create("/api/v1/partners/" + p.partnerId())).entity(view(p)).build();
    }

    /** Creates (201) or replaces (200) the partner with this id; a body partnerId must match the path. */
    @PUT
    @Path("/{partnerId}")
    public Response put(@PathParam("partnerId") String partnerId, Dtos.PartnerBody body) {
        Partner p = partner(Inputs.body(body), partnerId);
        boolean created = partners.put(p);
        return Response.status(created ? 201 : 200).entity(view(p)).build();
    }

    /** Every partner. */
    @GET
    public List<Dtos.PartnerBody> list() {
        return partners.list().stream().map(PartnerResource::view).toList();
    }

    /** One partner; 404 when not registered. */
    @GET
    @Path("/{partnerId}")
    public Dtos.PartnerBody get(@PathParam("partnerId") String partnerId) {
        return partners.find(partnerId).map(PartnerResource::view)
                .orElseThrow(() -> ProblemException.notFound("partner-not-found", "No partner with this id"));
    }

    private static Partner partner(Dtos.PartnerBody b, String pathId) {
        String id = b.partnerId() != null ? b.partnerId() : pathId;
        if (pathId != null && b.partnerId() != null && !pathId.equals(b.partnerId())) {
            throw ProblemException.badRequest("partnerId", "equals the path", "The partner id differs from the path");
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw ProblemException.badRequest("partnerId", "2-64 of [a-z0-9-]", "Not a partner id");
        }
        if (b.name() == null || b.name().isBlank() || b.name().length() > 200) {
            throw ProblemException.badRequest("name", "1-200 characters", "The name is required (at most 200 characters)");
        }
        if (b.kind() == null) {
            throw ProblemException.badRequest("kind", "FILM, EBOOK or OTHER", "The kind is required");
        }
        if (b.requiresPayingLibrary() == null) {
            throw ProblemException.badRequest("requiresPayingLibrary", "required", "requiresPayingLibrary is required");
        }
        List<Integer> ages = b.ageThresholds() == null ? List.of() : b.ageThresholds();
        if (ages.size() > 20 || ages.stream().anyMatch(a -> a == null || a < 1 || a > 120)) {
            throw ProblemException.badRequest("ageThresholds", "at most 20 ages of 1-120", "Invalid age thresholds");
        }
        return new Partner(id, b.name().strip(), b.kind(), ages.stream().distinct().sorted().toList(),
                b.requiresPayingLibrary());
    }

    private static Dtos.PartnerBody view(Partner p) {
        return new Dtos.PartnerBody(p.partnerId(), p.name(), p.kind(), p.ageThresholds(), p.requiresPayingLibrary());
    }
}
