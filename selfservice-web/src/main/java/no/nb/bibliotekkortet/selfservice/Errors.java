package no.nb.bibliotekkortet.selfservice;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The errors of one form submission, in the page's language: each names the form field it belongs to (the
 * error summary links to {@code #field}; the field shows its own message). API problems are translated to
 * plain language here: by the problem's type (text key {@code problem.<slug>}), else by its status; the
 * problem document itself is never shown.
 */
@io.quarkus.qute.TemplateData
public final class Errors {

    /** One message; {@code field} is the form field's id, or null for the form as a whole. */
    @io.quarkus.qute.TemplateData
    public record Item(String field, String text) {
    }

    private final String lang;
    private final List<Item> items = new ArrayList<>();

    public Errors(String lang) {
        this.lang = lang;
    }

    public void add(String field, String key) {
        items.add(new Item(field, Texts.get(lang, key)));
    }

    /** Adds "required" for an empty value; true when it did. */
    public boolean require(String field, String value) {
        if (value == null || value.isBlank()) {
            add(field, "error.required");
            return true;
        }
        return false;
    }

    /** The API's answer as a plain-language message, on the field it names when the form has that field. */
    public void problem(Api.ApiException e, Collection<String> formFields) {
        String field = e.field();
        String key = "problem." + e.slug();
        String text;
        if (!e.slug().isEmpty() && Texts.has(key)) {
            text = Texts.get(lang, key);
        } else {
            text = Texts.get(lang, statusKey(e.status));
        }
        String target = field != null && formFields.contains(fieldName(field)) ? fieldName(field) : null;
        items.add(new Item(target, text));
    }

    /** The text key for a status without a more specific message. */
    static String statusKey(int status) {
        return switch (status) {
            case 400, 422 -> "problem.invalid";
            case 401 -> "problem.login";
            case 403 -> "problem.forbidden";
            case 404 -> "problem.not-found";
            case 409 -> "problem.conflict";
            case 429 -> "problem.too-many";
            default -> "problem.unavailable";
        };
    }

    /** "phones.mobile" → "mobile", "guardianContact.email" → "email". */
    private static String fieldName(String apiField) {
        return apiField.substring(apiField.lastIndexOf('.') + 1);
    }

    public boolean any() {
        return !items.isEmpty();
    }

    public List<Item> all() {
        return items;
    }

    /** The message for one field, or null. */
    public String of(String field) {
        return items.stream().filter(i -> field.equals(i.field())).map(Item::text).findFirst().orElse(null);
    }
}
