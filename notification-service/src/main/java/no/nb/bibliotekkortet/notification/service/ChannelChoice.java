package no.nb.bibliotekkortet.notification.service;

import no.nb.bibliotekkortet.notification.client.PatronContact;
import no.nb.bibliotekkortet.notification.repository.Notification.Channel;

/**
 * Decides how a notification goes out: the channel actually used (e-mail or SMS) and the address.
 *
 * <ul>
 * <li>With recipients given in the request: EMAIL uses the e-mail address, SMS the phone; PREFERRED the
 * e-mail address when there is one, else the phone.</li>
 * <li>With a patron's contact data: the patron's own address, or the guardian's when the patron (a
 * child, R22) has none; PREFERRED follows the patron's preferred channel when that address exists,
 * else whichever exists.</li>
 * </ul>
 */
public final class ChannelChoice {

    /** The channel used and the address (e-mail address or E.164 phone). */
    public record Target(Channel channel, String address) {
    }

    private ChannelChoice() {
    }

    /**
     * @throws DeliveryException permanent when no address fits the requested channel
     */
    public static Target fromRecipient(Channel requested, String email, String phone) {
        return choose(requested, email, phone, null);
    }

    /**
     * @throws DeliveryException permanent when the contact data holds no address for the requested channel
     */
    public static Target fromContact(Channel requested, PatronContact contact) {
        String email = contact.email();
        String phone = contact.phone();
        if (isBlank(email) && isBlank(phone) && contact.guardian() != null) {
            email = contact.guardian().email();
            phone = contact.guardian().phone();
        }
        return choose(requested, email, phone, contact.preferredChannel());
    }

    private static Target choose(Channel requested, String email, String phone, String preferred) {
        boolean hasEmail = !isBlank(email);
        boolean hasPhone = !isBlank(phone);
        switch (requested) {
            case EMAIL -> {
                if (hasEmail) {
                    return new Target(Channel.EMAIL, email);
                }
                throw new DeliveryException(true, "no e-mail address for the recipient");
            }
            case SMS -> {
                if (hasPhone) {
                    return new Target(Channel.SMS, phone);
                }
                throw new DeliveryException(true, "no phone number for the recipient");
            }
            default -> {
                if ("SMS".equalsIgnoreCase(preferred) && hasPhone) {
                    return new Target(Channel.SMS, phone);
                }
                if (hasEmail) {
                    return new Target(Channel.EMAIL, email);
                }
                if (hasPhone) {
                    return new Target(Channel.SMS, phone);
                }
                throw new DeliveryException(true, "no contact data for the recipient");
            }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
