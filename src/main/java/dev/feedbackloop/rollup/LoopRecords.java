package dev.feedbackloop.rollup;

import java.time.LocalDate;

/**
 * The recommendation stage's records of one day, as the nightly figures count them (recommendations made, fixes
 * implemented, fixes judged). A port: the rollup stage does not depend on the recommendation stage; an outer
 * package adapts the recommendation book to it. Implementations read only the day's records.
 */
public interface LoopRecords {

    /** Records nothing: for a deployment without the recommendation stage. */
    LoopRecords NONE = (project, day) -> LoopDay.NONE;

    LoopDay of(String project, LocalDate day);
}
