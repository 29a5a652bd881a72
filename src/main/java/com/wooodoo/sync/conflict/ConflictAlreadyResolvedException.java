package com.wooodoo.sync.conflict;

/** A conflict is resolved once; this one was resolved before. */
public class ConflictAlreadyResolvedException extends RuntimeException {
    public ConflictAlreadyResolvedException(String message) {
        super(message);
    }
}
