package dev.feedbackloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * One {@code feedback upload} in this process against a local ingest server: project {@code web}, its secret from
 * {@code FEEDBACK_SECRET}, no retries and no waiting, as the upload tests run it.
 *
 * @param status the command's exit status
 * @param answer what it printed on stdout, read as JSON; null when it printed nothing (a failure before the answer)
 * @param err    what it printed on stderr
 */
record UploadRun(int status, JsonNode answer, String err) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Uploads to {@code http://127.0.0.1:port/} with {@code args} (more options, then the report). */
    static UploadRun of(int port, String secret, List<String> args) throws IOException {
        UploadCommand command = new UploadCommand();
        command.environment = Map.of("FEEDBACK_SECRET", secret);
        command.sleeper = d -> { };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler(new FeedbackCli.UserErrors());
        List<String> all = new ArrayList<>(List.of("--url", "http://127.0.0.1:" + port + "/", "--project", "web",
                "--secret-env", "FEEDBACK_SECRET", "--retries", "0"));
        all.addAll(args);
        int status = line.execute(all.toArray(String[]::new));
        return new UploadRun(status, out.toString().isBlank() ? null : JSON.readTree(out.toString()), err.toString());
    }
}
