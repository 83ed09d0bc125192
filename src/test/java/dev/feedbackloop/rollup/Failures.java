package dev.feedbackloop.rollup;

import dev.feedbackloop.rootcause.Category;
import dev.feedbackloop.fingerprint.Fingerprint;
import dev.feedbackloop.model.RunKey;
import dev.feedbackloop.model.TestId;
import java.util.Optional;

/** Failures of a day for the rollup tests: {@code failure(3).category(TIMEOUT).method("toHaveURL").build()}. */
final class Failures {

    static final String PROJECT = "shop";

    private final int test;
    private String run = "r1";
    private boolean outage;
    private Category category = Category.ASSERTION_FAIL;
    private String scenario;
    private String type;
    private String prompt;
    private String model;
    private String method;
    private String area;

    private Failures(int test) {
        this.test = test;
    }

    static Failures failure(int test) {
        return new Failures(test);
    }

    static TestId test(int n) {
        return TestId.derive(PROJECT, "Suite", "test " + n, Optional.empty());
    }

    Failures run(String value) {
        run = value;
        return this;
    }

    Failures outage() {
        outage = true;
        return this;
    }

    Failures category(Category value) {
        category = value;
        return this;
    }

    Failures unanalysed() {
        category = null;
        return this;
    }

    Failures scenario(String hex) {
        scenario = hex;
        return this;
    }

    Failures type(String value) {
        type = value;
        return this;
    }

    Failures prompt(String value) {
        prompt = value;
        return this;
    }

    Failures model(String value) {
        model = value;
        return this;
    }

    Failures method(String value) {
        method = value;
        return this;
    }

    Failures area(String value) {
        area = value;
        return this;
    }

    FailureOfDay build() {
        return new FailureOfDay(test(test), new RunKey(PROJECT, run, 1), outage, Optional.ofNullable(category),
                Optional.ofNullable(scenario).map(Fingerprint::new), Optional.ofNullable(type),
                Optional.ofNullable(prompt), Optional.ofNullable(model), Optional.ofNullable(method),
                Optional.ofNullable(area));
    }
}
