package no.nb.bibliotekkortet.numberseries.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.common.security.ClientKind;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.numberseries.repository.Series;
import no.nb.bibliotekkortet.numberseries.rest.Views.SeriesView;
import no.nb.bibliotekkortet.numberseries.service.SeriesService;

/**
 * Card-number series (R12), public API {@code /api/v1/number-series}. A library system (scope
 * {@code bibliotekkortet:series}) acts for the library named in the {@code Library-Number} header.
 */
@Path("/api/v1/number-series")
@Produces(MediaType.APPLICATION_JSON)
public class SeriesResource {

    /**
     * Body of an order: how many numbers to reserve (a JSON integer, 1..100 000; read as a big integer so
     * that any integer too large is "over the limit" (422), while a non-integer is malformed (400)).
     */
    public record OrderRequest(@NotNull(message = "count is required") BigInteger count) {

        /** The count clamped into a long (values beyond a long are out of range either way). */
        long countValue() {
            if (count.bitLength() < 63) {
                return count.longValue();
            }
            return count.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }

    @Inject
    SeriesService service;

    @Inject
    LibraryAccess libraryAccess;

    @Inject
    Caller caller;

    @Inject
    Callers callers;

    /**
     * Orders a series for the acting library: one contiguous range {@code first..last} above every number
     * reserved so far.
     *
     * @return 201 with the series and its {@code Location}; 400 for a malformed body or header (count
     *         missing or not an integer), 403 for a library the client may not act for, 422 for a count
     *         outside 1..100 000, 409 when the number space cannot hold it (saying how many remain)
     */
    @POST
    @RolesAllowed(Roles.LIBRARY_SERIES)
    public Response order(@HeaderParam(LibraryAccess.HEADER) String libraryNumber,
                          @Valid @NotNull(message = "a JSON body is required") OrderRequest request) {
        libraryAccess.requireActingFor(libraryNumber, LibraryAccess.HEADER);
        Series s = service.order(libraryNumber, request.countValue(), callers.actor());
        return Response.created(URI.create("/api/v1/number-series/" + s.id)).entity(SeriesView.of(s)).build();
    }

    /** NB's back office asking as itself: a client of kind ADMIN without a {@code Library-Number} header. */
    private boolean backOffice(String actingFor) {
        return actingFor == null && caller.requireClient().kind() == ClientKind.ADMIN;
    }

    /**
     * One series by its id, as the {@code Location} of an order names it: a library system sees its acting library's
     * own series only; NB's back office (kind ADMIN, without a {@code Library-Number} header) any, the national
     * digital series included.
     *
     * @param seriesId the series' id (digits; anything else is no such resource: 404)
     * @return 200 with the series; 400 for a missing or malformed header; 403 for a library the client may not act
     *         for; 404 {@code series-not-found} for no such series or another library's (whose existence is not told)
     */
    @GET
    @Path("/{seriesId}")
    @RolesAllowed({Roles.LIBRARY_SERIES, Roles.BACK_OFFICE})
    public SeriesView one(@HeaderParam(LibraryAccess.HEADER) String actingFor, @PathParam("seriesId") String seriesId) {
        boolean backOffice = backOffice(actingFor);
        if (!backOffice) {
            libraryAccess.requireActingFor(actingFor, LibraryAccess.HEADER);
        }
        java.util.Optional<Series> found = seriesId.matches("[0-9]{1,18}")
                ? service.find(Long.parseLong(seriesId)) : java.util.Optional.empty();
        return found.filter(s -> backOffice || actingFor.equals(s.libraryNumber)).map(SeriesView::of)
                .orElseThrow(() -> ProblemException.notFound("series-not-found", "No series " + seriesId
                        + (backOffice ? "" : " of library " + actingFor)));
    }

    /**
     * Lists series: a library system its acting library's own; NB's back office (kind ADMIN, without a
     * {@code Library-Number} header) every series including the national digital series, or one
     * library's with {@code ?libraryNumber=}.
     *
     * @return 200 with the series, lowest numbers first; 400 for a malformed library number; 403 for a
     *         library the client may not act for
     */
    @GET
    @RolesAllowed({Roles.LIBRARY_SERIES, Roles.BACK_OFFICE})
    public List<SeriesView> list(@HeaderParam(LibraryAccess.HEADER) String actingFor,
                                 @QueryParam("libraryNumber") String filter) {
        if (backOffice(actingFor)) {
            if (filter != null) {
                LibraryAccess.requireWellFormed(filter, "libraryNumber");
                return service.forLibrary(filter).stream().map(SeriesView::of).toList();
            }
            return service.all().stream().map(SeriesView::of).toList();
        }
        libraryAccess.requireActingFor(actingFor, LibraryAccess.HEADER);
        return service.forLibrary(actingFor).stream().map(SeriesView::of).toList();
    }
}
