package no.nb.bibliotekkortet.auth.service;

/**
 * Why a verification, age check or door access was refused. Reason codes carry no personal data.
 * INVALID covers unknown cards, wrong, empty or missing secrets and patrons that may not log in.
 */
public enum Reason {
    INVALID,
    LOCKED,
    LEVEL_TOO_LOW,
    NOT_ENTITLED,
    NOT_MEMBER,
    TOO_YOUNG,
    UNVERIFIED_BIRTH_DATE
}
