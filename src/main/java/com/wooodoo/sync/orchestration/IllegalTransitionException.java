package com.wooodoo.sync.orchestration;

/** A lifecycle transition the current state does not allow. */
public class IllegalTransitionException extends RuntimeException {
    public IllegalTransitionException(String message) {
        super(message);
    }
}
