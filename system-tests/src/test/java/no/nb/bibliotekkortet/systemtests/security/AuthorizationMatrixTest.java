package no.nb.bibliotekkortet.systemtests.security;

import static no.nb.bibliotekkortet.systemtests.support.Suite.INTERNAL_AUDIENCE;
import static no.nb.bibliotekkortet.systemtests.support.DeclaredOperations.ALL_SCOPES;
import static no.nb.bibliotekkortet.systemtests.support.DeclaredOperations.CLIENT_OF_KIND;
import static no.nb.bibliotekkortet.systemtests.support.Suite.PUBLIC_AUDIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import no.nb.bibliotekkortet.systemtests.support.DeclaredOperations;
import no.nb.bibliotekkortet.systemtests.support.DeclaredOperations.Operation;
import no.nb.bibliotekkortet.systemtests.support.RunningSuite;
import no.nb.bibliotekkortet.systemtests.support.Suite;
import no.nb.bibliotekkortet.systemtests.support.SyntheticIdentityNumbers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: who may call what, for every operation of every service, read from the services' own OpenAPI
 * documents ({@code /q/openapi}) so that a new operation is covered without touching this test.
 *
 * <p>Each operation lists, under its security requirement, the roles it declares ({@code Roles} in common:
 * {@code <CLIENT KIND>:<scope>}, a bare client kind, {@code citizen}, {@code patron}). The test calls every operation
 * with a token of every kind of caller — one client of each registry kind holding <em>every</em> scope (public
 * audience for {@code /api}, internal audience for {@code /internal}), a citizen at an accepted ID-porten level, at
 * {@code idporten-loa-low} and at a made-up level, and a patron logged in with card + PIN at auth-service — and
 * requires each to be refused by authorization (403 {@code operation-not-allowed} or {@code login-level-not-accepted})
 * exactly where the declaration does not name it, and never refused by authorization (nor 401) where it does.
 * Whatever the operation then answers for the dummy request (400, 404 …) is its business, not this test's.
 *
 * <p>For each issuer an operation accepts it also sends an expired, a tampered and a wrong-audience token (for
 * auth-service's patron tokens, which the mock cannot mint: a tampered one and one with {@code alg: none}; their
 * expiry and audience are tested per service in the module tests with the mock's stand-in issuer): each 401.
 */
@RunningSuite
class AuthorizationMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Problem types that mean "refused by the operation's declaration" (common's ProblemExceptionMapper). */
    private static final Set<String> DECLARATION_REFUSALS = Set.of("operation-not-allowed", "login-level-not-accepted");

    /** A kind of caller: its token for an audience, and the roles the register gives it. */
    record CallerKind(String name, Set<String> roles, Map<String, String> tokenByAudience) {
    }

    private static final List<Operation> OPERATIONS = new ArrayList<>();
    /** Issue 16: every answer of the gateway checked against the public contract, reported together. */
    private static final List<String> CONTRACT_MISMATCHES = java.util.Collections.synchronizedList(new ArrayList<>());
    private static final List<CallerKind> CALLERS = new ArrayList<>();
    private static String patronToken;

    @BeforeAll
    static void readDeclarationsAndMintTokens() throws Exception {
        OPERATIONS.addAll(DeclaredOperations.read());
        for (var kind : CLIENT_OF_KIND.entrySet()) {
            Set<String> roles = new LinkedHashSet<>();
            roles.add(kind.getKey());
            for (String scope : ALL_SCOPES) {
                roles.add(kind.getKey() + ":" + scope);
            }
            CALLERS.add(new CallerKind(kind.getKey(), roles, Map.of(
                    PUBLIC_AUDIENCE, Suite.mockToken("maskinporten", kind.getValue(), ALL_SCOPES, PUBLIC_AUDIENCE, Map.of()),
                    INTERNAL_AUDIENCE, Suite.mockToken("maskinporten", kind.getValue(), ALL_SCOPES, INTERNAL_AUDIENCE, Map.of()))));
        }
        String pid = SyntheticIdentityNumbers.next();
        CALLERS.add(citizen("citizen (idporten-loa-substantial)", pid, "idporten-loa-substantial", Set.of("citizen")));
        CALLERS.add(citizen("citizen (idporten-loa-high)", pid, "idporten-loa-high", Set.of("citizen")));
        CALLERS.add(citizen("citizen (idporten-loa-low)", pid, "idporten-loa-low", Set.of()));
        CALLERS.add(citizen("citizen (made-up acr)", pid, "urn:made-up:level", Set.of()));
        String card = Suite.registerPatron("matrix-" + UUID.randomUUID().toString().substring(0, 8) + "@example.no", "4827");
        patronToken = Suite.patronToken(card, "4827");
        CALLERS.add(new CallerKind("patron (card + PIN)", Set.of("patron"), Map.of(PUBLIC_AUDIENCE, patronToken)));
    }

    /** Issue 16: every answer of the gateway the matrix received matches the public contract. */
    @org.junit.jupiter.api.AfterAll
    static void everyAnswerMatchesTheContract() {
        assertEquals(List.of(), CONTRACT_MISMATCHES.stream().distinct().sorted().toList(),
                "answers that break the public contract (/api/openapi.json)");
    }

    private static CallerKind citizen(String name, String pid, String acr, Set<String> roles) {
        return new CallerKind(name, roles, Map.of(PUBLIC_AUDIENCE,
                Suite.mockToken("idporten", "selfservice-web", new String[0], PUBLIC_AUDIENCE, Map.of("pid", pid, "acr", acr))));
    }

    @Test
    void everyOperationDeclaresWhoItServes() {
        assertTrue(OPERATIONS.size() >= 90, "expected the services' ~100 operations, read " + OPERATIONS.size());
        List<Operation> undeclared = OPERATIONS.stream()
                .filter(op -> op.roles().isEmpty() && !op.path().startsWith("/api/v1/.well-known/"))
                .toList();
        assertEquals(List.of(), undeclared, "operations without declared roles (only the public key set may be open)");
    }

    @Test
    void eachCallerIsAcceptedExactlyWhereTheDeclarationNamesIt() throws Exception {
        List<String> wrong = new ArrayList<>();
        int accepted = 0;
        int refused = 0;
        for (Operation op : OPERATIONS) {
            if (op.roles().isEmpty()) {
                continue;
            }
            for (CallerKind caller : CALLERS) {
                String token = caller.tokenByAudience().get(op.internal() ? INTERNAL_AUDIENCE : PUBLIC_AUDIENCE);
                if (token == null) {
                    continue; // personal tokens exist only for the public audience; the audience test covers /internal
                }
                boolean declared = caller.roles().stream().anyMatch(op.roles()::contains);
                HttpResponse<String> response = call(op, token);
                String type = problemType(response);
                boolean refusedByDeclaration = response.statusCode() == 403 && DECLARATION_REFUSALS.contains(type);
                if (declared && (response.statusCode() == 401 || refusedByDeclaration)) {
                    wrong.add(op + ": " + caller.name() + " is declared but got " + response.statusCode() + " " + type);
                } else if (!declared && !refusedByDeclaration) {
                    wrong.add(op + ": " + caller.name() + " is not declared but got " + response.statusCode() + " " + type);
                }
                if (declared) {
                    accepted++;
                } else {
                    refused++;
                }
            }
        }
        assertEquals(List.of(), wrong, "authorization matrix mismatches");
        assertTrue(accepted > 100 && refused > 500, "accepted " + accepted + ", refused " + refused);
    }

    @Test
    void expiredTamperedAndWrongAudienceTokensAreRefusedByEveryIssuerAnOperationAccepts() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Operation op : OPERATIONS) {
            Map<String, String> bad = new LinkedHashMap<>();
            String kind = op.roles().stream().map(r -> r.split(":")[0]).filter(CLIENT_OF_KIND::containsKey).findFirst().orElse(null);
            if (kind != null) {
                String client = CLIENT_OF_KIND.get(kind);
                String audience = op.internal() ? INTERNAL_AUDIENCE : PUBLIC_AUDIENCE;
                String good = Suite.mockToken("maskinporten", client, ALL_SCOPES, audience, Map.of());
                bad.put("Maskinporten expired", Suite.mockToken("maskinporten", client, ALL_SCOPES, audience, Map.of("test_expired", "true")));
                bad.put("Maskinporten tampered", tampered(good));
                bad.put("Maskinporten wrong audience", Suite.mockToken("maskinporten", client, ALL_SCOPES,
                        op.internal() ? PUBLIC_AUDIENCE : INTERNAL_AUDIENCE, Map.of()));
                bad.put("Maskinporten foreign audience", Suite.mockToken("maskinporten", client, ALL_SCOPES,
                        "https://other-api.example", Map.of()));
            }
            if (op.roles().contains("citizen")) {
                String pid = SyntheticIdentityNumbers.next();
                Map<String, String> claims = Map.of("pid", pid, "acr", "idporten-loa-substantial");
                String good = Suite.mockToken("idporten", "selfservice-web", new String[0], PUBLIC_AUDIENCE, claims);
                bad.put("ID-porten expired", Suite.mockToken("idporten", "selfservice-web", new String[0], PUBLIC_AUDIENCE,
                        Map.of("pid", pid, "acr", "idporten-loa-substantial", "test_expired", "true")));
                bad.put("ID-porten tampered", tampered(good));
                bad.put("ID-porten wrong audience", Suite.mockToken("idporten", "selfservice-web", new String[0],
                        INTERNAL_AUDIENCE, claims));
            }
            if (op.roles().contains("patron")) {
                bad.put("patron token tampered", tampered(patronToken));
                bad.put("patron token alg none", algNone(patronToken));
            }
            for (var token : bad.entrySet()) {
                int status = call(op, token.getValue()).statusCode();
                if (status != 401) {
                    wrong.add(op + ": " + token.getKey() + " got " + status);
                }
            }
        }
        assertEquals(List.of(), wrong, "bad tokens not refused with 401");
    }

    /** Calls an operation: {@code /api} through the gateway, {@code /internal} on the service's own port. */
    private static HttpResponse<String> call(Operation op, String token) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        op.parameters().forEach(name -> values.put(name, DeclaredOperations.sample(name, "2030000")));
        String body = Set.of("POST", "PUT", "PATCH").contains(op.method()) ? "{}" : null;
        return send(op.method(), op.baseUrl() + op.path(values), token, body, Map.of("Library-Number", "2030000"));
    }

    private static HttpResponse<String> send(String method, String url, String token, String body,
                                             Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        HttpRequest built = request.build();
        HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
        CONTRACT_MISMATCHES.addAll(no.nb.bibliotekkortet.systemtests.support.ContractValidation.mismatches(built, response));
        return response;
    }

    private static String problemType(HttpResponse<String> response) {
        try {
            String type = JSON.readTree(response.body()).path("type").asText("");
            return type.substring(type.lastIndexOf('/') + 1);
        } catch (Exception notJson) {
            return "";
        }
    }

    /** The same token with one claim changed and the original signature kept. */
    static String tampered(String token) {
        String[] parts = token.split("\\.");
        try {
            var claims = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            claims.put("jti", UUID.randomUUID().toString());
            String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(claims));
            return parts[0] + "." + payload + "." + parts[2];
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same claims with {@code alg: none} and no signature. */
    static String algNone(String token) {
        String[] parts = token.split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + parts[1] + ".";
    }
}
