package dev.feedbackloop.recommend;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a recommendation asks for, in the design's terms ({@code improvement_recommendations}).
 *
 * @param title              one line naming the change
 * @param targetComponent    the file, test, page or service to change
 * @param direction          the approach as a short key (see {@link dev.feedbackloop.store.ProposedFix#direction()}):
 *                           what triage memory remembers a rejection by
 * @param suggestedChanges   the changes, as prose (the diff, when there is one, is kept beside)
 * @param testRequirements   how to test the change
 * @param validationCriteria what shows it worked
 * @param implementationNotes context for whoever implements it; may be empty
 */
public record Advice(String title, String targetComponent, String direction, String suggestedChanges,
                     String testRequirements, String validationCriteria, String implementationNotes) {

    private static final Pattern DIRECTION = Pattern.compile("[a-z0-9][a-z0-9:.-]{0,79}");

    public Advice {
        require(title, "title");
        require(targetComponent, "targetComponent");
        if (direction == null || !DIRECTION.matcher(direction).matches()) {
            throw new IllegalArgumentException("direction must be 1-80 of a-z, 0-9, ':', '.', '-', was '" + direction
                    + "'");
        }
        require(suggestedChanges, "suggestedChanges");
        require(testRequirements, "testRequirements");
        require(validationCriteria, "validationCriteria");
        Objects.requireNonNull(implementationNotes, "implementationNotes");
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, was '" + value + "'");
        }
    }

    /** The same advice with notes added (a triage reason, a product-bug verdict). */
    public Advice withNote(String note) {
        String notes = implementationNotes.isEmpty() ? note : implementationNotes + "\n" + note;
        return new Advice(title, targetComponent, direction, suggestedChanges, testRequirements, validationCriteria,
                notes);
    }
}
