package no.nb.bibliotekkortet.patron.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.common.security.ClientEntry;
import no.nb.bibliotekkortet.common.security.ClientKind;
import no.nb.bibliotekkortet.common.security.LibraryAccess;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.patron.service.Requests.ActivityReport;
import no.nb.bibliotekkortet.patron.service.Requests.InternalActivity;
import no.nb.bibliotekkortet.patron.service.ActivityService;

/**
 * {@code POST /api/v1/activity} (R21): library systems (scope {@code patrons.write}, acting for the library in
 * {@code Library-Number}) and partners (scope {@code partner.auth}, a registered PARTNER client) report that a
 * card was used.
 */
@Path("/api/v1/activity")
@Consumes(MediaType.APPLICATION_JSON)
public class ActivityResource {

    @Inject
    ActivityService activity;

    @Inject
    Caller caller;

    @Inject
    LibraryAccess access;

    /**
     * Records one activity: {cardNumber, kind LOAN|ORDER|EBOOK|FILM|LOGIN|OTHER, at (UTC ISO-8601)}.
     *
     * @return 204; 400 malformed; 403 wrong library or not a partner; 404 unknown card; 422 time in the future
     */
    @POST
    @RolesAllowed({Roles.LIBRARY_PATRONS_WRITE, Roles.PARTNER_VERIFICATION})
    public void report(@HeaderParam(LibraryAccess.HEADER) String libraryNumber, ActivityReport report) {
        ClientEntry client = caller.requireClient();
        if (client.kind() == ClientKind.PARTNER) {
            // partners act for themselves (R18); no library involved
        } else {
            access.requireActingFor(libraryNumber, LibraryAccess.HEADER);
        }
        if (report == null) {
            throw ProblemException.badRequest(null, "a JSON body is required", "A JSON body is required");
        }
        if (report.cardNumber() == null) {
            throw ProblemException.badRequest("cardNumber", "required", "The card number is required");
        }
        activity.record(List.of(new InternalActivity(report.cardNumber(), null, report.kind(), report.at())), false);
    }
}
