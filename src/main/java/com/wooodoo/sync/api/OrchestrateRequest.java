package com.wooodoo.sync.api;

/** An authenticated call of one orchestrate action, with its fields still to be validated per action. */
public record OrchestrateRequest(OrchestrateAction action, Caller caller, RequestFields fields) {
}
