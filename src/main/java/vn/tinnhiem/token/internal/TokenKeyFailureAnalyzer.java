package vn.tinnhiem.token.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused voting cards' key into the start-up report's "Description" and "Action", vi then en. */
class TokenKeyFailureAnalyzer extends AbstractFailureAnalyzer<TokenKeyRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TokenKeyRefusedException cause) {
        return new FailureAnalysis(cause.problem(), cause.action(), cause);
    }
}
