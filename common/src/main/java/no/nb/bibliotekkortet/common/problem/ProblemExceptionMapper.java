package no.nb.bibliotekkortet.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import no.nb.bibliotekkortet.common.security.ClientEntry;
import no.nb.bibliotekkortet.common.security.LoginLevels;
import no.nb.bibliotekkortet.common.security.TokenKind;
import org.eclipse.microprofile.jwt.JsonWebToken;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that leaves a resource into {@code application/problem+json} (RFC 9457):
 * our {@link ProblemException}s as they are, Bean Validation and JSON binding errors as 400 naming the
 * field, security exceptions as 401/403, other HTTP exceptions with their status, and anything else as a
 * 500 that reveals nothing (the cause is logged with the request id, never returned).
 */
public class ProblemExceptionMapper {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMapper.class);

    @Inject
    Instance<CurrentIdentityAssociation> identities;

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response.ResponseBuilder builder = Response.status(e.problem().status()).type(Problem.MEDIA_TYPE).entity(e.problem());
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream()
                .min(Comparator.comparing(v -> fieldName(v.getPropertyPath())))
                .orElse(null);
        if (first == null) {
            return ProblemResponses.of(Problem.of(400, "invalid-request", "The request is malformed", "Validation failed", null, null));
        }
        String detail = e.getConstraintViolations().stream()
                .map(v -> fieldName(v.getPropertyPath()) + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return ProblemResponses.of(Problem.of(400, "invalid-request", "The request is malformed", detail,
                fieldName(first.getPropertyPath()), first.getMessage()));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return ProblemResponses.of(Problem.of(400, "unknown-field", "Unknown field in request body",
                "The field '" + e.getPropertyName() + "' is not part of this request; unknown fields are refused",
                e.getPropertyName(), "no unknown fields"));
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        String field = jsonPath(e);
        if (e instanceof no.nb.bibliotekkortet.common.json.TextHygieneModule.UnsafeTextException unsafe) {
            return ProblemResponses.of(Problem.of(400, "invalid-request", "The request is malformed",
                    "The field '" + field + "' holds a character the register refuses (" + unsafe.rule() + ")",
                    field, unsafe.rule()));
        }
        if (e instanceof no.nb.bibliotekkortet.common.json.DateRangeModule.OutOfRangeException) {
            return ProblemResponses.of(Problem.of(400, "invalid-request", "The request is malformed",
                    "The field '" + field + "' must be " + no.nb.bibliotekkortet.common.json.DateRangeModule.RULE,
                    field, no.nb.bibliotekkortet.common.json.DateRangeModule.RULE));
        }
        return ProblemResponses.of(Problem.of(400, "invalid-request", "The request is malformed",
                "The field '" + field + "' must be of type " + simpleType(e.getTargetType()),
                field, "type " + simpleType(e.getTargetType())));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        String field = jsonPath(e);
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidNullException) {
            return ProblemResponses.of(Problem.of(400, "invalid-request", "The request is malformed",
                    "The field '" + field + "' must not be or contain null", field, "no null values"));
        }
        if (field.isEmpty()) {
            return ProblemResponses.of(Problem.of(400, "malformed-json", "The request body is not valid JSON of the expected shape",
                    "Expected a JSON value of type " + simpleType(e.getTargetType()), null, "valid JSON"));
        }
        return ProblemResponses.of(Problem.of(400, "invalid-request", "The request is malformed",
                "The field '" + field + "' must be of type " + simpleType(e.getTargetType()),
                field, "type " + simpleType(e.getTargetType())));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = jsonPath(mapping);
            if (mapping.getCause() instanceof com.fasterxml.jackson.core.exc.InputCoercionException) {
                return ProblemResponses.of(Problem.of(400, "invalid-request", "The request is malformed",
                        "The field '" + field + "' is out of range for its type", field, "a number within range"));
            }
            return ProblemResponses.of(Problem.of(400, "invalid-request", "The request is malformed",
                    "The field '" + field + "' could not be read", field, "valid value"));
        }
        return ProblemResponses.of(Problem.of(400, "malformed-json", "The request body is not valid JSON",
                "The request body could not be parsed as JSON", null, "valid JSON"));
    }

    /**
     * A body the JSON parser refused: with the field where it stopped when the parser knows it (e.g. a number
     * too large for its type), else as not JSON at all.
     */
    private Response unreadableJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping) {
            return malformedJson(mapping);
        }
        String field = e instanceof com.fasterxml.jackson.core.exc.StreamReadException read && read.getProcessor() != null
                ? parserPath(read.getProcessor().getParsingContext()) : "";
        java.util.regex.Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) {
            String name = field.isEmpty() ? duplicate.group(1) : field;
            return ProblemResponses.of(Problem.of(400, "duplicate-field", "A field is given twice",
                    "The field '" + name + "' appears more than once in the same object", name, "each field at most once"));
        }
        if (e instanceof com.fasterxml.jackson.core.exc.InputCoercionException && !field.isEmpty()) {
            return ProblemResponses.of(Problem.of(400, "invalid-request", "The request is malformed",
                    "The field '" + field + "' is out of range for its type", field, "a number within range"));
        }
        return ProblemResponses.of(Problem.of(400, "malformed-json", "The request body is not valid JSON",
                "The request body could not be parsed as JSON (UTF-8)" + (field.isEmpty() ? "" : " near '" + field + "'"),
                field.isEmpty() ? null : field, "valid JSON"));
    }

    /** Jackson's message for a key given twice (STRICT_DUPLICATE_DETECTION). */
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("^Duplicate field '(.*)'");

    private static String parserPath(com.fasterxml.jackson.core.JsonStreamContext context) {
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (com.fasterxml.jackson.core.JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            parts.addFirst(c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName() == null ? "" : c.getCurrentName());
        }
        return String.join(".", parts).replace(".[", "[");
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return ProblemResponses.of(Problem.of(401, "unauthorized", "Unauthorized",
                "A valid bearer token is required", null, null));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized(null);
    }

    /**
     * 403 from an operation's declared roles ({@code Roles}), saying why without echoing the token: a personal login
     * below the accepted level ({@code login-level-not-accepted}, field {@code acr}), a client that is not in the
     * registry or deactivated ({@code unknown-client}), or a client whose kind and scopes the operation does not
     * serve ({@code operation-not-allowed}, naming the kind).
     */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        SecurityIdentity identity = identities.isResolvable() ? identities.get().getIdentity() : null;
        TokenKind kind = identity == null ? null : identity.getAttribute(TokenKind.class.getName());
        if (kind == TokenKind.IDPORTEN || kind == TokenKind.PATRON) {
            String acr = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("acr") != null
                    ? jwt.getClaim("acr").toString() : null;
            if (!LoginLevels.accepted(kind, acr)) {
                return ProblemResponses.of(Problem.of(403, "login-level-not-accepted", "Login level not accepted",
                        "The login's level (acr) is not one this register accepts", "acr", LoginLevels.rule(kind)));
            }
            return ProblemResponses.of(Problem.of(403, "operation-not-allowed", "Forbidden",
                    "This operation is not available to a " + (kind == TokenKind.IDPORTEN ? "citizen (ID-porten)"
                            : "patron (card + PIN)") + " login", null, null));
        }
        if (kind == TokenKind.MASKINPORTEN) {
            java.util.Optional<ClientEntry> client = identity.getAttribute(ClientEntry.class.getName());
            if (client == null || client.isEmpty()) {
                return ProblemResponses.of(Problem.of(403, "unknown-client", "Forbidden",
                        "The client is not registered in the client registry, or it is deactivated", null, null));
            }
            return ProblemResponses.of(Problem.of(403, "operation-not-allowed", "Forbidden",
                    "This operation does not serve a client of kind " + client.get().kind()
                            + " with the scopes its token holds", null, "client kind and scope"));
        }
        return ProblemResponses.of(Problem.of(403, "forbidden", "Forbidden",
                "The token does not grant the permission this operation needs", null, null));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getResponse().hasEntity()) {
            return e.getResponse();
        }
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            // The body reader wraps what the JSON parser refused (not JSON, a number out of range, bad UTF-8).
            return unreadableJson(json);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        String slug = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal-error" : "invalid-request";
        };
        return switch (status) {
            case 415 -> ProblemResponses.of(Problem.of(415, slug, title, "The request body must be sent as the "
                    + "operation's media type (application/json for the API)", "Content-Type", "application/json"));
            case 406 -> ProblemResponses.of(Problem.of(406, slug, title, "The API answers application/json (errors "
                    + "application/problem+json)", "Accept", "application/json"));
            default -> ProblemResponses.of(Problem.of(status, slug, title, title, null, null));
        };
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (databaseUnavailable(e)) {
            LOG.warnf("Database unavailable while handling a request: %s", e.getClass().getSimpleName());
            return ProblemResponses.of(Problem.of(503, "service-unavailable", "Service unavailable",
                    "The register's database is not reachable just now; try again shortly", null, null),
                    java.util.Map.of("Retry-After", "5"));
        }
        LOG.error("Unexpected error while handling a request", e);
        return ProblemResponses.of(Problem.of(500, "internal-error", "Internal error",
                "The request failed on the server; it has been logged with its request id", null, null));
    }

    /**
     * True when a failure comes from the database being unreachable, restarting or out of connections (SQLState class
     * 08 connection exception, 57P01..57P03 shutdown / cannot connect now, or a pool that could not hand out a
     * connection): answered 503 with {@code Retry-After}, never 500.
     */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
            if (t.getClass().getName().equals("io.agroal.pool.ConnectionPoolException")
                    || String.valueOf(t.getMessage()).contains("Acquisition timeout")) {
                return true;
            }
        }
        return false;
    }

    private static String fieldName(Path path) {
        // Resource method validation paths look like "method.argN.field"; keep the bean part.
        String full = path.toString();
        String[] parts = full.split("\\.");
        return parts.length >= 3 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /**
     * The JSON (and OpenAPI) name of the type a field expects, never a Java class name: integer, number, string,
     * boolean, date (YYYY-MM-DD), date-time (ISO 8601), uuid, array, one of the enum's values, or object.
     */
    static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == java.math.BigInteger.class) {
            return "integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "number";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == java.time.LocalDate.class) {
            return "date (YYYY-MM-DD)";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "date-time (ISO 8601, e.g. 2026-01-31T12:00:00Z)";
        }
        if (type == java.util.UUID.class) {
            return "uuid";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        return "object";
    }
}
