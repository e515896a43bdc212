package no.nb.bibliotekkortet.auth.domain;


/**
 * Why a one-time code was not consumed (internal contract {@code POST /internal/v1/otp/consume}):
 * {@code INVALID} unknown code id, another patron's code, or a wrong code; {@code EXPIRED} older than the
 * validity; {@code USED} already consumed; {@code WRONG_PURPOSE} issued for another purpose;
 * {@code TOO_MANY_TRIES} the code is dead after the maximum of wrong tries.
 */
public enum OtpReason {
    INVALID,
    EXPIRED,
    USED,
    WRONG_PURPOSE,
    TOO_MANY_TRIES
}
