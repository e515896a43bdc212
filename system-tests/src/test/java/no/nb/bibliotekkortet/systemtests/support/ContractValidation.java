package no.nb.bibliotekkortet.systemtests.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Issue 16: the contract cannot drift from the code. Installed once for every RestAssured request of the scenario
 * tests ({@link Suite} does it), this filter checks each response the gateway gives to a {@code /api/...} request
 * against the public OpenAPI document the gateway itself serves ({@code /api/openapi.json}): the status must be
 * documented for the operation and the body must match its schema and media type (swagger-request-validator).
 * Requests are not judged (the tests send malformed ones on purpose). Every problem document received is also
 * scanned for Java class or type names ({@link #javaTypeNames}), which must never reach a client.
 */
public final class ContractValidation {

    /** Java types and packages that have no business in an error text (e.g. "must be of type BigInteger"). */
    private static final Pattern JAVA_TYPES = Pattern.compile(
            "\\b(?:java|javax|jakarta|io\\.quarkus|io\\.vertx|org\\.hibernate|org\\.jboss|com\\.fasterxml|no\\.nb)\\.[a-z]"
                    + "|\\b(?:BigInteger|BigDecimal|LocalDate|LocalDateTime|OffsetDateTime|ZonedDateTime|ArrayList|HashMap"
                    + "|LinkedHashMap|JsonNode|ObjectNode|[A-Z][A-Za-z]*Exception)\\b"
                    // Names that are also English words ("URI Too Long") only where a type is named.
                    + "|\\b(?:type|of) (?:Integer|Long|Short|Double|Float|Boolean|String|Instant|Optional|Character)\\b");

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final AtomicInteger VALIDATED = new AtomicInteger();
    private static volatile OpenApiInteractionValidator validator;

    private ContractValidation() {
    }

    /** Installs the filter for every RestAssured request of this JVM (idempotent). */
    public static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            RestAssured.filters(new ContractFilter());
        }
    }

    /** How many responses were validated so far. */
    public static int validated() {
        return VALIDATED.get();
    }

    /** The Java class or type names in a text, empty when none. */
    public static List<String> javaTypeNames(String text) {
        if (text == null) {
            return List.of();
        }
        return JAVA_TYPES.matcher(text).results().map(java.util.regex.MatchResult::group).toList();
    }

    /** The validator for the contract the gateway serves, read once. */
    public static OpenApiInteractionValidator validator() {
        if (validator == null) {
            synchronized (ContractValidation.class) {
                if (validator == null) {
                    validator = OpenApiInteractionValidator
                            .createForSpecificationUrl(Suite.gatewayUrl() + "/api/openapi.json")
                            .withLevelResolver(LevelResolver.create()
                                    .withLevel("validation.request", ValidationReport.Level.IGNORE)
                                    .withLevel("validation.response", ValidationReport.Level.ERROR)
                                    // Known gap (common's AuthenticationProblemHandler): a JWS whose signature does
                                    // not verify gets quarkus-oidc's own 401 without a body (its challenge says why).
                                    .withLevel("validation.response.body.missing", ValidationReport.Level.WARN)
                                    .build())
                            .build();
                }
            }
        }
        return validator;
    }

    /** Whether a request to this URI is one the contract covers: the gateway's {@code /api/...}, not the contract itself. */
    static boolean covered(String uri) {
        String base = Suite.gatewayUrl();
        if (!uri.startsWith(base + "/api/")) {
            return false;
        }
        String path = uri.substring(base.length());
        return !path.startsWith("/api/openapi.") && !path.startsWith("/api/docs");
    }

    /** Checks one response of the gateway; throws AssertionError naming what breaks the contract. */
    public static void check(String method, String uri, ValidationReport report, int status, String contentType, String body) {
        VALIDATED.incrementAndGet();
        if (report.hasErrors()) {
            StringBuilder b = new StringBuilder("Response breaks the public contract (/api/openapi.json): " + method + " "
                    + uri + " -> " + status + "\n");
            report.getMessages().forEach(m -> b.append("  ").append(m.getKey()).append(": ").append(m.getMessage()).append('\n'));
            throw new AssertionError(b.toString());
        }
        if (contentType != null && contentType.startsWith("application/problem+json")) {
            List<String> names = javaTypeNames(body);
            if (!names.isEmpty()) {
                throw new AssertionError("Java type names " + names + " in a problem document: " + method + " " + uri + " -> " + body);
            }
        }
    }

    /**
     * What breaks the contract in one answer of the gateway to a request made without RestAssured (java.net.http, as
     * the authorization matrix does): empty when it matches or the request is not one the contract covers.
     */
    public static List<String> mismatches(java.net.http.HttpRequest request, java.net.http.HttpResponse<String> response) {
        String uri = request.uri().toString();
        if (!covered(uri)) {
            return List.of();
        }
        VALIDATED.incrementAndGet();
        var path = request.uri().getRawPath();
        var req = new com.atlassian.oai.validator.model.SimpleRequest.Builder(request.method(), path);
        if (request.uri().getRawQuery() != null) {
            for (String pair : request.uri().getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                req.withQueryParam(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        request.headers().map().forEach(req::withHeader);
        var res = com.atlassian.oai.validator.model.SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
        response.headers().map().forEach(res::withHeader);
        ValidationReport report = validator().validate(req.build(), res.build());
        List<String> result = new java.util.ArrayList<>();
        report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .forEach(m -> result.add(request.method() + " " + path + " -> " + response.statusCode() + ": " + m.getMessage()));
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (contentType.startsWith("application/problem+json") && !javaTypeNames(response.body()).isEmpty()) {
            result.add(request.method() + " " + path + " -> Java type names in " + response.body());
        }
        return result;
    }

    /** The RestAssured filter. */
    static final class ContractFilter implements Filter {
        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                               FilterContext context) {
            Response response = context.next(request, responseSpec);
            if (covered(request.getURI())) {
                ValidationReport report = validator().validate(RestAssuredRequest.of(request), RestAssuredResponse.of(response));
                check(request.getMethod(), request.getURI(), report, response.statusCode(), response.contentType(),
                        response.asString());
            }
            return response;
        }
    }
}
