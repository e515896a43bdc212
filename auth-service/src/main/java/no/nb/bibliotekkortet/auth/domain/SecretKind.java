package no.nb.bibliotekkortet.auth.domain;


/** The two kinds of patron secret (R17): a PIN (4–6 digits) and an optional password (≥ 10 characters). */
public enum SecretKind {
    PIN,
    PASSWORD
}
