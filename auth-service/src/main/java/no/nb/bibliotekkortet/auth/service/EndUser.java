package no.nb.bibliotekkortet.auth.service;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * The end user a partner or the self-service site acts for in the current request, named by the address the client
 * passed in the {@code End-User-Address} header (set by {@code rest.EndUserAddressFilter}, which validates and
 * normalises it). Empty when the client passed none; outside a request nothing is read.
 */
@RequestScoped
public class EndUser {

    private String address;

    /** The normalised address (IPv4 dotted, or the IPv6 /64 prefix as {@code xxxx:xxxx:xxxx:xxxx::/64}). */
    public Optional<String> address() {
        return Optional.ofNullable(address);
    }

    void set(String address) {
        this.address = address;
    }

    /** For the filter in the rest package. */
    public static void set(EndUser holder, String address) {
        holder.set(address);
    }
}
