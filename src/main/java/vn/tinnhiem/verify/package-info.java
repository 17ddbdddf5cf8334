/**
 * The independent verifier of the election record (docs/protocol.md 10.2): plain Java on Bouncy Castle's
 * P-256 and SHA-256, re-implemented from the protocol document, sharing no code with the count.
 */
@org.jspecify.annotations.NullMarked
package vn.tinnhiem.verify;
