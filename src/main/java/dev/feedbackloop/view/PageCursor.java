package dev.feedbackloop.view;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * An opaque cursor of the read API: the store's own cursor, bound to the project and the listing it was issued for,
 * so a cursor of one project's listing is refused for another's (the store's cursor names keys; replayed elsewhere
 * it could start a query at a key of another partition). Encoded as unpadded base64url: safe in a URL as it is.
 *
 * @param project the project whose listing issued it
 * @param listing the listing, such as {@code scenarios} or {@code runs}
 * @param store   the store's cursor
 */
public record PageCursor(String project, String listing, String store) {

    private static final String VERSION = "c1";
    private static final int MAX_LENGTH = 4096;

    public PageCursor {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(listing, "listing");
        if (store == null || store.isBlank()) {
            throw new IllegalArgumentException("a cursor needs the store's cursor, was '" + store + "'");
        }
    }

    /** The cursor as a client sees it. */
    public String encoded() {
        String plain = VERSION + '\n' + project + '\n' + listing + '\n' + store;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The client's cursor read back, when it was issued for {@code project}'s {@code listing}. */
    public static Optional<String> storeCursor(Optional<String> encoded, String project, String listing) {
        if (encoded.isEmpty() || encoded.get().isEmpty()) {
            return Optional.empty();
        }
        PageCursor cursor = decode(encoded.get());
        if (!cursor.project.equals(project) || !cursor.listing.equals(listing)) {
            throw ReadProblem.badRequest("the cursor was issued for another listing; start again without one");
        }
        return Optional.of(cursor.store);
    }

    private static PageCursor decode(String encoded) {
        String[] parts;
        try {
            if (encoded.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\n", 4);
        } catch (IllegalArgumentException e) {
            throw ReadProblem.badRequest("the cursor is not one this API issued (not base64url); pass back the"
                    + " 'next' value of the previous page unchanged");
        }
        if (parts.length != 4 || !parts[0].equals(VERSION) || parts[3].isBlank()) {
            throw ReadProblem.badRequest("the cursor is not one this API issued; pass back the 'next' value of the"
                    + " previous page unchanged");
        }
        return new PageCursor(parts[1], parts[2], parts[3]);
    }
}
