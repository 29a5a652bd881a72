package com.wooodoo.sync.connector.mapping;

/** A mapping file that cannot be used; the message names the file and the entry. */
public class MappingException extends RuntimeException {
    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
