package no.nb.bibliotekkortet.patron.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.patron.service.ActivityService;

/** {@code POST /api/v1/activity/batch} (R21): a library system's nightly batch of activity events. */
@Path("/api/v1/activity/batch")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BulkActivityResource {

    @Inject
    ActivityService activity;

    @Inject
    LibraryAccess access;

    /**
     * [{cardNumber, kind LOAN|ORDER|EBOOK|FILM|LOGIN|OTHER, at}] (1..1000); scope {@code patrons.write} with
     * {@code Library-Number}.
     *
     * @return 200 {accepted, unknown, invalid, results: [{index, cardNumber, result ACCEPTED|UNKNOWN_CARD|INVALID,
     *         field?, reason?}]}; 400 not a list of 1..1000; 401; 403
     */
    @POST
    @RolesAllowed(Roles.LIBRARY_PATRONS_WRITE)
    public ActivityService.Outcome report(@HeaderParam(LibraryAccess.HEADER) String libraryNumber,
                                          List<ActivityService.Event> events) {
        access.requireActingFor(libraryNumber, LibraryAccess.HEADER);
        return activity.recordBatch(events);
    }
}
