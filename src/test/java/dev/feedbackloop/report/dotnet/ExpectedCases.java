package dev.feedbackloop.report.dotnet;

import dev.feedbackloop.testing.PythonRepr;
import dev.feedbackloop.testing.PythonRepr.Call;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The expected cases of an EnricoMi/publish-unit-test-result-action {@code X.results} file: the Python
 * {@code repr} of its {@code ParsedUnitTestResults}.
 */
final class ExpectedCases {

    /** One expected case: {@code result} is {@code success}, {@code skipped}, {@code failure} or {@code error}. */
    record Case(String className, String testName, String result, String message) {
    }

    private ExpectedCases() {
    }

    static List<Case> read(Path resultsFile) throws IOException {
        Object parsed = PythonRepr.parse(Files.readString(resultsFile));
        if (!(parsed instanceof Call call) || !(call.get("cases") instanceof List<?> cases)) {
            throw new IllegalArgumentException(resultsFile + ": no ParsedUnitTestResults(cases=[...])");
        }
        List<Case> expected = new ArrayList<>();
        for (Object item : cases) {
            Call unitTestCase = (Call) item;
            expected.add(new Case(text(unitTestCase.get("class_name")), text(unitTestCase.get("test_name")),
                    text(unitTestCase.get("result")), (String) unitTestCase.get("message")));
        }
        return expected;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
