package org.sparkxqa.spark.job;

import java.io.PrintWriter;
import java.util.Optional;
import org.sparkxqa.spark.job.error.UserErrors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed subcommand into exit code 1: a user error (invalid row, missing backend, bad input)
 * as one line naming the reason; anything else, a bug, with its stack trace.
 */
final class JobErrorHandler implements IExecutionExceptionHandler {
    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception error, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        String name = "xqa " + command.getCommandName();
        Optional<String> reason = UserErrors.message(error);
        if (reason.isPresent()) {
            err.println(name + ": error: " + reason.get());
        } else {
            err.println(name + ": unexpected failure (please report it with this trace):");
            error.printStackTrace(err);
        }
        err.flush();
        return FAILED;
    }
}
