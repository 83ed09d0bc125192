package dev.feedbackloop.guard;

import java.util.Objects;
import java.util.Optional;

/**
 * A rewrite of a failing test proposed by a model, with what the guard needs to judge it.
 *
 * @param framework    the test framework
 * @param file         the failing test's file, as the report names it: the only path a fix may change
 * @param proposedFile the path the proposal is for (the same as {@code file} unless the model named another)
 * @param test         the failing test's title as the report gives it ({@code Suite › test}, {@code Class.method},
 *                     {@code test_name[param]})
 * @param category     the failure's root-cause category (e.g. {@code SELECTOR_ISSUE}), empty when unknown
 * @param failure      the failure message that led to the rewrite (may be empty)
 * @param original     the whole original file
 * @param proposed     the whole proposed file
 * @param pageSnapshot the page at the failure as a Playwright ARIA snapshot ({@code - button "Pay now"} lines),
 *                     when the report carried one
 */
public record ProposedFix(Framework framework, String file, String proposedFile, String test,
                          Optional<String> category, String failure, String original, String proposed,
                          Optional<String> pageSnapshot) {

    public ProposedFix {
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(proposedFile, "proposedFile");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(proposed, "proposed");
        Objects.requireNonNull(pageSnapshot, "pageSnapshot");
        if (file.isBlank()) {
            throw new IllegalArgumentException("file must name the failing test's file");
        }
        if (test.isBlank()) {
            throw new IllegalArgumentException("test must name the failing test (file " + file + ")");
        }
    }

    /** A proposal for the failing test's own file, without a page snapshot. */
    public static ProposedFix of(Framework framework, String file, String test, String category, String failure,
                                 String original, String proposed) {
        return new ProposedFix(framework, file, file, test, Optional.ofNullable(category).filter(c -> !c.isBlank()),
                failure == null ? "" : failure, original, proposed, Optional.empty());
    }

    /** This proposal with a page snapshot. */
    public ProposedFix withPageSnapshot(String snapshot) {
        return new ProposedFix(framework, file, proposedFile, test, category, failure, original, proposed,
                Optional.ofNullable(snapshot).filter(s -> !s.isBlank()));
    }

    /** This proposal as written for another path. */
    public ProposedFix forPath(String path) {
        return new ProposedFix(framework, file, path, test, category, failure, original, proposed, pageSnapshot);
    }
}
