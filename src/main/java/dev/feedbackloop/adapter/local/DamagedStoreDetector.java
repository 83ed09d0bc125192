package dev.feedbackloop.adapter.local;

import java.nio.file.Path;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Gives DynamoDB Local's answer to a damaged table file a message a person can act on. SQLite finds most damage
 * (a truncated file, overwritten pages) only when a request reads the damaged page, and DynamoDB Local then answers
 * HTTP 500 "InternalFailure" with no detail. With the data directory held by this process ({@link DataDirectory}),
 * nothing else writes the file, so a 500 from the local engine means the file is damaged. The SDK insists that the
 * exception keeps its type, so the explanation travels as its cause, a {@link DataDirectory.DataDirectoryException}
 * that the command line shows instead of the store error around it.
 */
final class DamagedStoreDetector implements ExecutionInterceptor {

    private final DataDirectory directory;

    DamagedStoreDetector(DataDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        if (failure instanceof AwsServiceException service && service.statusCode() == 500) {
            String request = context.request().getClass().getSimpleName().replace("Request", "");
            Path file = directory.tableFile();
            RuntimeException explanation = DataDirectory.DataDirectoryException.damaged(directory.path(), file,
                    "cannot be read (DynamoDB Local answered " + request + " with HTTP 500)", null);
            return service.toBuilder().message(explanation.getMessage()).cause(explanation).build();
        }
        return failure;
    }
}
