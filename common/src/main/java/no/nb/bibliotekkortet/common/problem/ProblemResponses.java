package no.nb.bibliotekkortet.common.problem;

import jakarta.ws.rs.core.Response;

/** Builds JAX-RS responses carrying a {@link Problem} as {@code application/problem+json}. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The same with extra response headers (e.g. {@code Retry-After} in seconds on a 503 or 429). */
    public static Response of(Problem problem, java.util.Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        headers.forEach(builder::header);
        return builder.build();
    }
}
