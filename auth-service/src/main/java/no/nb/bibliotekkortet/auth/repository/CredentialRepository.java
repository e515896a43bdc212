package no.nb.bibliotekkortet.auth.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nb.bibliotekkortet.auth.domain.PepperedArgon2;
import no.nb.bibliotekkortet.auth.domain.SecretKind;

/** Credentials (chosen level) and secret hashes per patron; queries only, callers own the transaction. */
@ApplicationScoped
public class CredentialRepository {

    private final EntityManager em;

    public CredentialRepository(EntityManager em) {
        this.em = em;
    }

    /** Creates the credential row when missing (keeps an existing chosen level); stamps {@code now}. */
    public void ensure(String patronId, Instant now) {
        em.createNativeQuery("insert into credential (patron_id, updated_at) values (?1, ?2) "
                        + "on conflict (patron_id) do update set updated_at = excluded.updated_at")
                .setParameter(1, patronId).setParameter(2, now).executeUpdate();
    }

    /** Stores (replaces) the hash of one kind of secret. */
    public void putHash(String patronId, SecretKind kind, PepperedArgon2.Hash hash, Instant now) {
        PepperedArgon2.Parameters p = hash.parameters();
        em.createNativeQuery("insert into secret_hash (patron_id, kind, hash, salt, memory_kib, iterations, parallelism, "
                        + "pepper_key_id, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                        + "on conflict (patron_id, kind) do update set hash = excluded.hash, salt = excluded.salt, "
                        + "memory_kib = excluded.memory_kib, iterations = excluded.iterations, "
                        + "parallelism = excluded.parallelism, pepper_key_id = excluded.pepper_key_id, "
                        + "created_at = excluded.created_at")
                .setParameter(1, patronId).setParameter(2, kind.name()).setParameter(3, hash.hash())
                .setParameter(4, hash.salt()).setParameter(5, p.memoryKib()).setParameter(6, p.iterations())
                .setParameter(7, p.parallelism()).setParameter(8, p.pepperKeyId()).setParameter(9, now)
                .executeUpdate();
    }

    /** Removes the hash of one kind (e.g. a password the patron no longer gives). */
    public void removeHash(String patronId, SecretKind kind) {
        em.createNativeQuery("delete from secret_hash where patron_id = ?1 and kind = ?2")
                .setParameter(1, patronId).setParameter(2, kind.name()).executeUpdate();
    }

    /** The stored hashes of a patron by kind (empty map when the patron has no credentials). */
    @SuppressWarnings("unchecked")
    public Map<SecretKind, PepperedArgon2.Hash> hashes(String patronId) {
        List<Object[]> rows = em.createNativeQuery("select kind, hash, salt, memory_kib, iterations, parallelism, "
                        + "pepper_key_id from secret_hash where patron_id = ?1")
                .setParameter(1, patronId).getResultList();
        Map<SecretKind, PepperedArgon2.Hash> out = new EnumMap<>(SecretKind.class);
        for (Object[] r : rows) {
            out.put(SecretKind.valueOf((String) r[0]), new PepperedArgon2.Hash((byte[]) r[1], (byte[]) r[2],
                    new PepperedArgon2.Parameters(((Number) r[3]).intValue(), ((Number) r[4]).intValue(),
                            ((Number) r[5]).intValue(), (String) r[6])));
        }
        return out;
    }

    /** The patron's chosen security level code, or empty when the patron has no credential row. */
    @SuppressWarnings("unchecked")
    public Optional<String> securityLevel(String patronId) {
        List<String> rows = em.createNativeQuery("select security_level from credential where patron_id = ?1")
                .setParameter(1, patronId).getResultList();
        return rows.stream().findFirst();
    }

    /** Stores the patron's chosen security level (the credential row must exist: call {@link #ensure} first). */
    public void setSecurityLevel(String patronId, String level, Instant now) {
        em.createNativeQuery("update credential set security_level = ?2, updated_at = ?3 where patron_id = ?1")
                .setParameter(1, patronId).setParameter(2, level).setParameter(3, now).executeUpdate();
    }

    /** Deletes credentials and hashes of these patrons; returns the number of credential rows removed. */
    public int delete(List<String> patronIds) {
        return em.createNativeQuery("delete from credential where patron_id = any(cast(?1 as varchar[]))")
                .setParameter(1, patronIds.toArray(String[]::new)).executeUpdate();
    }
}
