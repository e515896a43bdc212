package no.nb.bibliotekkortet.membership.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.Clock;
import java.util.List;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.common.security.Caller;
import no.nb.bibliotekkortet.common.security.Roles;
import no.nb.bibliotekkortet.membership.repository.Library;
import no.nb.bibliotekkortet.membership.service.ActivationMode;
import no.nb.bibliotekkortet.membership.service.LibraryAdministration;
import no.nb.bibliotekkortet.membership.service.LibraryChange;
import no.nb.bibliotekkortet.membership.service.LibraryDirectory;
import no.nb.bibliotekkortet.membership.service.SecurityLevels;

/**
 * The library directory: reads for any valid token, writes for NB's back office (scope {@code admin},
 * client kind ADMIN). R10, R11, R17, R23.
 */
@Path("/api/v1/libraries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LibraryResource {

    @Inject
    LibraryDirectory directory;

    @Inject
    LibraryAdministration administration;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    /**
     * Lists or searches libraries. {@code name}: case-insensitive name prefix; {@code municipality}: 4
     * digits; {@code type}: one digit. 400 (field = the query parameter) when malformed.
     */
    @GET
    @RolesAllowed({Roles.LIBRARY_SYSTEM, Roles.ADMIN, Roles.SERVICE, Roles.WEB_SITE, Roles.ILL_SERVICE, Roles.PARTNER, Roles.DOOR_SYSTEM, Roles.CITIZEN, Roles.PATRON})
    public List<Views.LibraryView> search(@QueryParam("name") String name, @QueryParam("municipality") String municipality,
                                          @QueryParam("type") String type) {
        if (municipality != null && !municipality.matches("\\d{4}")) {
            throw ProblemException.badRequest("municipality", "4 digits", "A municipality code is 4 digits");
        }
        if (type != null && !type.matches("\\d")) {
            throw ProblemException.badRequest("type", "one digit", "A library type is one digit");
        }
        return Views.LibraryView.of(directory.entries(directory.search(name, municipality, type == null ? null : Short.valueOf(type))));
    }

    /** One library; 400 malformed number, 404 unknown. */
    @GET
    @Path("/{libraryNumber}")
    @RolesAllowed({Roles.LIBRARY_SYSTEM, Roles.ADMIN, Roles.SERVICE, Roles.WEB_SITE, Roles.ILL_SERVICE, Roles.PARTNER, Roles.DOOR_SYSTEM, Roles.CITIZEN, Roles.PATRON})
    public Views.LibraryView get(@PathParam("libraryNumber") String libraryNumber) {
        return view(directory.get(libraryNumber, "libraryNumber"));
    }

    /** Creates a library (NB). 201 with Location; 409 when it exists. */
    @POST
    @RolesAllowed(Roles.BACK_OFFICE)
    public Response create(@NotNull @Valid Requests.NewLibrary body) {
        caller.requireAdmin();
        if (body.securityLevels() != null && SecurityLevels.invalid(body.securityLevels()) != null) {
            throw ProblemException.badRequest("securityLevels", "non-empty subset of " + SecurityLevels.ALL,
                    "At least one known security level is required");
        }
        Library l = new Library();
        l.libraryNumber = body.libraryNumber();
        l.name = body.name();
        l.type = body.type().shortValue();
        l.municipalityCode = body.municipalityCode();
        l.activationMode = (body.activationMode() == null ? ActivationMode.IN_PERSON : body.activationMode()).name();
        l.securityLevelList = Library.join(body.securityLevels() == null ? SecurityLevels.ALL : body.securityLevels());
        l.partnerServiceList = Library.join(body.partnerServices());
        l.unstaffedMinimumAge = body.unstaffedMinimumAge();
        l.contactEmail = body.contactEmail();
        l.updatedAt = Instant.now(clock);
        Library created = directory.create(l);
        return Response.created(URI.create("/api/v1/libraries/" + created.libraryNumber)).entity(view(created)).build();
    }

    /** Changes a library's settings (NB): activation mode, security levels, partner services, unstaffed age, contact e-mail. */
    @PATCH
    @Path("/{libraryNumber}")
    @RolesAllowed(Roles.BACK_OFFICE)
    public Views.LibraryView change(@PathParam("libraryNumber") String libraryNumber, @NotNull @Valid Requests.LibraryPatch body) {
        caller.requireAdmin();
        return view(administration.change(libraryNumber, new LibraryChange(body.name(), body.activationMode(),
                body.securityLevels(), body.partnerServices(), body.unstaffedMinimumAge(), body.contactEmail())));
    }

    /**
     * Publishes a new loan-rules version (NB); 201 with the library: in {@code loanRules} when it applies from
     * today, in {@code upcomingLoanRules} when {@code validFrom} is later; 422 (field {@code validFrom}) when
     * back-dated.
     */
    @POST
    @Path("/{libraryNumber}/loan-rules")
    @RolesAllowed(Roles.BACK_OFFICE)
    public Response publishLoanRules(@PathParam("libraryNumber") String libraryNumber, @NotNull @Valid Requests.NewLoanRules body) {
        caller.requireAdmin();
        Library l = administration.publishLoanRules(libraryNumber, body.text(), body.link(), body.validFrom());
        return Response.status(201).entity(view(l)).build();
    }

    /** Records the library's signed data processing agreement (NB); resets the ILL escalation (R23). */
    @PUT
    @Path("/{libraryNumber}/data-processing-agreement")
    @RolesAllowed(Roles.BACK_OFFICE)
    public Views.LibraryView recordAgreement(@PathParam("libraryNumber") String libraryNumber,
                                             @NotNull @Valid Requests.SignedAgreement body) {
        caller.requireAdmin();
        return view(administration.recordAgreement(libraryNumber, body.signedOn(), body.agreementVersion()));
    }

    private Views.LibraryView view(Library library) {
        return Views.LibraryView.of(directory.entry(library));
    }
}
