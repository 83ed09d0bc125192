/**
 * Read views of a project's stored history, for people and tools: which tests and runs a scenario covers with the
 * notes that are true of it now ({@link dev.feedbackloop.history.ScenarioDetails}), and what a run changed since the
 * run before it on its branch ({@link dev.feedbackloop.history.RunChanges}). Built by
 * {@link dev.feedbackloop.history.ProjectHistory} from the storage ports with paged reads; nothing here writes.
 */
package dev.feedbackloop.history;
