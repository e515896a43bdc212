package no.nb.bibliotekkortet.patron.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.patron.service.ChangeFeed;

/** {@code GET /api/v1/changes} (R15, R19): the change feed for the library in {@code Library-Number}. */
@Path("/api/v1/changes")
@Produces(MediaType.APPLICATION_JSON)
public class ChangeFeedResource {

    @Inject
    ChangeFeed feed;

    @Inject
    LibraryAccess access;

    /**
     * Changes after the opaque cursor {@code after} (absent: from the start), at most {@code limit} (1..1000,
     * default 100); scope {@code patrons.read}. {@code records=false} leaves out the current full records.
     *
     * @return 200 {changes: [{changeId, kind, patronId, fields?, cardChange?, cardNumbers? (DELETED only),
     *         changedBy, changedAt, patron?}], next, more}; 400 field {@code after} / {@code limit}; 403
     */
    @GET
    @RolesAllowed(Roles.LIBRARY_PATRONS_READ)
    public ChangeFeed.Page changes(@HeaderParam(LibraryAccess.HEADER) String libraryNumber,
                                   @QueryParam("after") String after,
                                   @QueryParam("limit") @DefaultValue("100") String limit,
                                   @QueryParam("records") @DefaultValue("true") String records) {
        access.requireActingFor(libraryNumber, LibraryAccess.HEADER);
        if (!limit.matches("\\d{1,4}")) {
            throw ProblemException.badRequest("limit", "1.." + ChangeFeed.MAX_LIMIT, "limit is a number between 1 and 1000");
        }
        if (!records.equals("true") && !records.equals("false")) {
            throw ProblemException.badRequest("records", "true or false", "records is true or false");
        }
        return feed.page(libraryNumber, after, Integer.parseInt(limit), Boolean.parseBoolean(records));
    }
}
