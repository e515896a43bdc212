package no.nb.bibliotekkortet.common.security;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.regex.Pattern;
import no.nb.bibliotekkortet.common.problem.Problem;
import no.nb.bibliotekkortet.common.problem.ProblemException;

/**
 * Checks that the calling client may act for a library (ARCHITECTURE.md, client registry). A request
 * names the library it acts for in its path or in the {@link #HEADER} header.
 */
@RequestScoped
public class LibraryAccess {

    /** Header naming the library a request acts for, where the path does not. */
    public static final String HEADER = "Library-Number";

    private static final Pattern LIBRARY_NUMBER = Pattern.compile("\\d{7}");

    @Inject
    Caller caller;

    @Inject
    HttpServerRequest request;

    /**
     * Requires that the caller may act for {@code libraryNumber}.
     *
     * @param libraryNumber 7-digit library number (biblioteknummer) as given in path or header
     * @param field         the name of the path parameter or header it came from, for the error
     * @return the caller's registry entry
     * @throws ProblemException 400 when missing or not 7 digits, or when the library comes from the path and a
     *                          {@link #HEADER} header names another one (a request acts for one library: never
     *                          silently the path's); 403 when the client is unknown or the library is not among
     *                          those its entry lists
     */
    public ClientEntry requireActingFor(String libraryNumber, String field) {
        requireWellFormed(libraryNumber, field);
        String header = HEADER.equals(field) ? null : request.getHeader(HEADER);
        if (header != null && !header.equals(libraryNumber)) {
            throw ProblemException.badRequest(HEADER, "the library in the path",
                    "The " + HEADER + " header names another library than the path (" + libraryNumber
                            + "): a request acts for one library; leave the header out or make them equal");
        }
        ClientEntry client = caller.requireClient();
        if (!client.mayActFor(libraryNumber)) {
            throw new ProblemException(Problem.of(403, "library-not-allowed", "Forbidden",
                    "The client may not act for library " + libraryNumber, field,
                    "a library the client registry lists for the client"));
        }
        return client;
    }

    /**
     * Validates the form of a library number.
     *
     * @throws ProblemException 400 naming {@code field} when null or not exactly 7 digits
     */
    public static void requireWellFormed(String libraryNumber, String field) {
        if (libraryNumber == null || libraryNumber.isEmpty()) {
            throw ProblemException.badRequest(field, "required", "The library number is required (" + field + ")");
        }
        if (!LIBRARY_NUMBER.matcher(libraryNumber).matches()) {
            throw ProblemException.badRequest(field, "7 digits",
                    "A library number is 7 digits (" + field + ")");
        }
    }
}
