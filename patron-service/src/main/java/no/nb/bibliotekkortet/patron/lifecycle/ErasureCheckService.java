package no.nb.bibliotekkortet.patron.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nb.bibliotekkortet.common.problem.ProblemException;
import no.nb.bibliotekkortet.patron.client.AuthClient;
import no.nb.bibliotekkortet.patron.client.ErasureVerification;
import no.nb.bibliotekkortet.patron.client.MembershipClient;
import no.nb.bibliotekkortet.patron.client.NotificationClient;
import no.nb.bibliotekkortet.patron.domain.IdentityNumbers;
import no.nb.bibliotekkortet.patron.repository.HeldData;
import no.nb.bibliotekkortet.patron.service.IdentityVault;
import no.nb.bibliotekkortet.patron.service.Messages;
import no.nb.bibliotekkortet.patron.service.PatronInputs;

/**
 * The proof that nothing is left (R20, R21): asks patron-service's own tables and every other service's
 * erasure-verify contract whether anything is still held about the given people — by patron id, keyed identity
 * hash (computed here from the identity number; the number itself never leaves this service), e-mail and phone.
 * Names are only held by patron-service; exact-name matches are reported separately (other people may share a name).
 */
@ApplicationScoped
public class ErasureCheckService {

    /** Most people per check. */
    public static final int MAX_SUBJECTS = 100;

    /** One person: identity number (required), the patron id(s) they had, names, e-mail and phone when known. */
    public record Subject(String identityNumber, UUID patronId, String givenNames, String surname, String email, String phone) {
    }

    /**
     * The answer: people checked, rows/items still held per service (patron-service, membership-service,
     * auth-service, notification-service), their total, {@code clean} when the total is 0, and patrons in the
     * register with exactly the same names (informational).
     */
    public record Report(int subjects, Map<String, Long> held, long total, boolean clean, long sameNameEntries) {
    }

    private final IdentityNumbers identityNumbers;
    private final IdentityVault vault;
    private final HeldData own;
    private final MembershipClient membership;
    private final AuthClient auth;
    private final NotificationClient notification;

    public ErasureCheckService(IdentityNumbers identityNumbers, IdentityVault vault, HeldData own,
                               MembershipClient membership, AuthClient auth, NotificationClient notification) {
        this.identityNumbers = identityNumbers;
        this.vault = vault;
        this.own = own;
        this.membership = membership;
        this.auth = auth;
        this.notification = notification;
    }

    /**
     * Runs the check.
     *
     * @throws ProblemException 400 for an empty/too large list or a malformed field ({@code [i].identityNumber},
     *                          {@code [i].email}, {@code [i].phone}); 503 when a service does not answer
     */
    public Report check(List<Subject> subjects) {
        if (subjects == null || subjects.isEmpty() || subjects.size() > MAX_SUBJECTS) {
            throw ProblemException.badRequest(null, "1.." + MAX_SUBJECTS + " people", "Give 1-" + MAX_SUBJECTS + " people to check");
        }
        List<ErasureVerification.Item> items = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        long sameName = 0;
        for (int i = 0; i < subjects.size(); i++) {
            Subject s = subjects.get(i);
            if (s == null) {
                throw ProblemException.badRequest("[" + i + "]", "an object", "Each person is a JSON object");
            }
            IdentityNumbers.Parsed parsed = PatronInputs.identityNumber(identityNumbers, s.identityNumber(), "[" + i + "].identityNumber");
            String hash = Base64.getEncoder().encodeToString(vault.hash(parsed.value()));
            String email = PatronInputs.email(s.email(), "[" + i + "].email");
            String phone = PatronInputs.phone(s.phone(), "[" + i + "].phone");
            hashes.add(hash);
            if (s.patronId() != null) {
                ids.add(s.patronId());
            }
            if (email != null) {
                emails.add(email);
            }
            if (phone != null) {
                phones.add(phone);
            }
            if (s.givenNames() != null && s.surname() != null) {
                sameName += own.sameName(s.givenNames(), s.surname());
            }
            items.add(new ErasureVerification.Item(s.patronId() == null ? null : s.patronId().toString(), hash, email, phone));
        }
        Map<String, Long> held = new LinkedHashMap<>();
        held.put("patron-service", own.count(new HeldData.Query(ids, hashes, emails, phones)));
        List<ErasureVerification.Item> withIds = items.stream().filter(x -> x.patronId() != null).toList();
        for (String service : Messages.ERASING_SERVICES) {
            // membership and auth key everything by patron id (and require it); notification also by e-mail/phone.
            List<ErasureVerification.Item> asked = "notification-service".equals(service) ? items : withIds;
            held.put(service, asked.isEmpty() ? 0L : ask(service, asked));
        }
        long total = held.values().stream().mapToLong(Long::longValue).sum();
        return new Report(subjects.size(), held, total, total == 0, sameName);
    }

    private long ask(String service, List<ErasureVerification.Item> items) {
        return switch (service) {
            case "membership-service" -> membership.held(items);
            case "auth-service" -> auth.held(items);
            case "notification-service" -> notification.held(items);
            default -> throw new IllegalStateException("no client for " + service);
        };
    }
}
