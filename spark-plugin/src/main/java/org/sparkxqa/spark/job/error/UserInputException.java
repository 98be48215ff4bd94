package org.sparkxqa.spark.job.error;

/** The user's input or flags cannot be used (e.g. a missing column); the job prints the message as one line. */
public final class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }
}
