package no.nb.bibliotekkortet.auth.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import no.nb.bibliotekkortet.auth.service.Problems;
import org.jboss.logging.Logger;

/**
 * What auth-service reads from patron-service and membership-service, mapped to its own types. Every
 * failure to get an answer (timeout, open circuit, 5xx, connection error) becomes 503 problem+json with
 * Retry-After, never a 500. Nothing personal is logged.
 */
@ApplicationScoped
public class Directory {

    private static final Logger LOG = Logger.getLogger(Directory.class);

    private final RemoteCalls calls;

    public Directory(RemoteCalls calls) {
        this.calls = calls;
    }

    /**
     * Resolves a card number through patron-service.
     *
     * @param cardNumber {@code N} + 9 digits
     * @return the patron (with {@code cardState} ACTIVE or RETIRED), or empty for an unknown card
     * @throws no.nb.bibliotekkortet.common.problem.ProblemException 503 when patron-service does not answer
     */
    public Optional<ResolvedPatron> resolve(String cardNumber) {
        return call("patron-service", () -> calls.resolve(cardNumber)).map(n -> new ResolvedPatron(
                text(n, "patronId"), text(n, "state"),
                text(n, "birthDate") == null ? null : LocalDate.parse(text(n, "birthDate")),
                text(n, "birthDateSource"), text(n, "cardState")));
    }

    /**
     * Resolves a citizen's identity number (from an ID-porten token) through patron-service; the number
     * travels only in the POST body and is never logged.
     *
     * @return the patron, or empty when nobody is registered with that number
     * @throws no.nb.bibliotekkortet.common.problem.ProblemException 503 when patron-service does not answer
     */
    public Optional<ResolvedPatron> resolveIdentity(String identityNumber) {
        return call("patron-service", () -> calls.resolveIdentity(identityNumber)).map(n -> new ResolvedPatron(
                text(n, "patronId"), text(n, "state"),
                text(n, "birthDate") == null ? null : LocalDate.parse(text(n, "birthDate")),
                text(n, "birthDateSource"), null));
    }

    /**
     * Which channels a patron can be reached on (patron-service's contact data; addresses are not kept).
     *
     * @return the channels, or empty for an unknown patron
     * @throws no.nb.bibliotekkortet.common.problem.ProblemException 503 when patron-service does not answer
     */
    public Optional<ContactChannels> contact(String patronId) {
        return call("patron-service", () -> calls.contact(patronId)).map(n -> new ContactChannels(
                text(n, "email") != null && !text(n, "email").isBlank(),
                text(n, "phone") != null && !text(n, "phone").isBlank(),
                text(n, "preferredChannel")));
    }

    /**
     * The memberships of a patron (an array, or an object with a {@code memberships} array).
     *
     * @return the memberships; empty when membership-service knows none
     * @throws no.nb.bibliotekkortet.common.problem.ProblemException 503 when membership-service does not answer
     */
    public List<Membership> memberships(String patronId) {
        Optional<JsonNode> body = call("membership-service", () -> calls.memberships(patronId));
        List<Membership> out = new ArrayList<>();
        body.ifPresent(n -> {
            JsonNode list = n.isArray() ? n : n.path("memberships");
            for (JsonNode m : list) {
                out.add(new Membership(text(m, "libraryNumber"), text(m, "state"), m.path("home").asBoolean(false)));
            }
        });
        return out;
    }

    /**
     * The directory entry of a library.
     *
     * @return the entry, or empty for an unknown library
     * @throws no.nb.bibliotekkortet.common.problem.ProblemException 503 when membership-service does not answer
     */
    public Optional<LibraryEntry> library(String libraryNumber) {
        return call("membership-service", () -> calls.library(libraryNumber)).map(n -> new LibraryEntry(
                libraryNumber, strings(n.has("securityLevels") ? n.path("securityLevels") : n.path("supportedLevels")),
                strings(n.has("partnerServices") ? n.path("partnerServices") : n.path("paidPartnerServices")),
                n.hasNonNull("unstaffedMinimumAge") ? n.get("unstaffedMinimumAge").asInt() : null));
    }

    private static <T> T call(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            LOG.warnf("Call to %s failed: %s", service, e.getClass().getSimpleName());
            throw Problems.dependencyUnavailable(service);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
