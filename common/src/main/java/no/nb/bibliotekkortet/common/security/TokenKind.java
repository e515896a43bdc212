package no.nb.bibliotekkortet.common.security;

/** Which issuer a caller's token comes from; decides which roles it gets (see {@link PermissionAugmentor}). */
public enum TokenKind {
    /** Maskinporten: an organisation's system; permissions from its {@code bibliotekkortet:} scopes. */
    MASKINPORTEN,
    /** ID-porten: a citizen, identity number in {@code pid}, level in {@code acr}. */
    IDPORTEN,
    /** auth-service's own patron token: {@code sub} is the opaque patron id, {@code acr} nlsso-loa-*. */
    PATRON
}
